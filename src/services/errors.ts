/** An error the caller caused (bad input, unknown id). The API turns it into a GraphQL error with this code. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code: "BAD_USER_INPUT" | "NOT_FOUND" | "CONFLICT" = "BAD_USER_INPUT",
  ) {
    super(message);
  }
}
