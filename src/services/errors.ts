/** Why a page could not be fetched (ingestUrl, feeds): see services/fetch-page.ts. */
export type FetchErrorCode = "URL_FORBIDDEN" | "URL_UNREACHABLE" | "URL_TIMEOUT" | "URL_HTTP_STATUS" | "URL_TOO_LARGE" | "URL_NOT_HTML" | "URL_TOO_MANY_REDIRECTS";

/**
 * An error the caller caused (bad input, unknown id, a URL that cannot be fetched). The API turns it into a GraphQL
 * error with this code, its field and any `details` (e.g. the HTTP status) in `extensions`.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code: "BAD_USER_INPUT" | "NOT_FOUND" | "CONFLICT" | FetchErrorCode = "BAD_USER_INPUT",
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
  }
}
