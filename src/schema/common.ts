import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { builder } from "./builder.js";
import { InputError } from "../services/errors.js";
import { parseIsoDate } from "../services/ingest.js";

builder.addScalarType(
  "DateTime",
  new GraphQLScalarType({
    name: "DateTime",
    description: "An ISO 8601 date-time string (UTC), e.g. 2024-02-05T00:00:00.000Z. Inputs also accept YYYY-MM-DD.",
    serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
    parseValue: (v) => parseDateTime(v),
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : invalidDate(ast.kind)),
  }),
  {},
);

function invalidDate(v: unknown): never {
  throw new GraphQLError(`DateTime must be an ISO 8601 string, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

function parseDateTime(v: unknown): Date {
  return (typeof v === "string" ? parseIsoDate(v) : undefined) ?? invalidDate(v);
}

builder.addScalarType(
  "JSON",
  new GraphQLScalarType({ name: "JSON", description: "Arbitrary JSON value.", serialize: (v) => v, parseValue: (v) => v }),
  {},
);

/** Runs a service call and turns InputError into a GraphQL error with `extensions.code`. */
export async function userCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InputError) {
      throw new GraphQLError(e.message, { extensions: { code: e.code, ...(e.field ? { field: e.field } : {}), ...e.details } });
    }
    throw e;
  }
}

export const UserErrorCode = builder.enumType("UserErrorCode", {
  description: "Why a well-formed mutation could not be applied. Nothing was changed.",
  values: {
    NOT_FOUND: { description: "A referenced object does not exist." },
    INVALID: { description: "A value is well-formed but not acceptable here (e.g. a span outside the text)." },
    CONFLICT: { description: "The change conflicts with existing data." },
  } as const,
});

export type UserErrorShape = { code: "NOT_FOUND" | "INVALID" | "CONFLICT"; message: string; field?: string | null };

export const UserError = builder.objectRef<UserErrorShape>("UserError").implement({
  description: "A problem with a mutation's input that the caller can fix. The mutation changed nothing.",
  fields: (t) => ({
    code: t.field({ type: UserErrorCode, resolve: (e) => e.code }),
    message: t.exposeString("message"),
    field: t.string({ nullable: true, description: "The input field at fault, when there is one.", resolve: (e) => e.field ?? null }),
  }),
});

export function requireWriter(ctx: { viewer: { canWrite: boolean; reason?: string } }): void {
  if (!ctx.viewer.canWrite) {
    throw new GraphQLError(`Mutations need an API key: ${ctx.viewer.reason ?? "not authorised"}`, {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
}

export const SpeakerKindEnum = builder.enumType("SpeakerKind", {
  description: "What kind of voice a speaker is.",
  values: {
    PERSON: { description: "A named person." },
    ORGANIZATION: { description: "An organisation, command, group or institution." },
    GOVERNMENT: { description: "A state or its government speaking collectively." },
    OUTLET: { description: "A news outlet or report, including unnamed reports." },
    ANONYMOUS: { description: "Unnamed officials, sources or witnesses." },
  } as const,
});

export const PolarityEnum = builder.enumType("Polarity", {
  description: "Whether the speaker asserts the claim or asserts that it is false.",
  values: { AFFIRM: { description: "The speaker asserts the claim." }, DENY: { description: "The speaker says the claim is false." } } as const,
});

export const ModalityEnum = builder.enumType("Modality", {
  description: "How firmly the statement is made.",
  values: {
    ASSERTED: { description: "Stated as fact by the speaker." },
    REPORTED: { description: "Relayed from others (reports, sources)." },
    HEDGED: { description: "Qualified (may, reportedly, appears)." },
    ALLEGED: { description: "Presented as an allegation." },
    UNCERTAIN: { description: "Explicitly unverified (\"could not verify\")." },
  } as const,
});

export const ContradictionKindEnum = builder.enumType("ContradictionKind", {
  description: "What kind of incompatibility a contradiction is.",
  values: {
    POLARITY: { description: "One side affirms what the other denies." },
    AGENT: { description: "The sides name different agents for the same act." },
    NUMERIC: { description: "Incompatible counts (bounds such as \"at least\" respected)." },
    TEMPORAL: { description: "Incompatible times for the same event (before vs after, different dates)." },
    SELF_REVERSAL: { description: "One speaker (or one organisation or government) changed its claim." },
    CHARACTERIZATION: { description: "The same target described incompatibly." },
  } as const,
});

export const ReviewStatusEnum = builder.enumType("ReviewStatus", {
  description: "An analyst's verdict on a contradiction. Kept across recomputation.",
  values: {
    OPEN: { description: "Not reviewed yet." },
    CONFIRMED: { description: "A reviewer confirmed the contradiction." },
    DISMISSED: { description: "A reviewer dismissed it as not a real contradiction." },
  } as const,
});
