import { GraphQLError } from "graphql";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** The most items any list argument takes (`nodes(ids)`, `sourceIds`, `mergeIds`…); checked before execution. */
export const MAX_LIST_LENGTH = 100;
/** The largest database id (PostgreSQL int4): a global ID naming a larger one is malformed. */
const MAX_DB_ID = 2_147_483_647;

/** Relay global IDs are base64("Type:123"). */
export function encodeGlobalId(typename: string, id: bigint | number | string): string {
  return Buffer.from(`${typename}:${id}`, "utf8").toString("base64");
}

export function badInput(message: string, field?: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}), ...extra } });
}

export function notFound(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND", ...(field ? { field } : {}) } });
}

export function decodeGlobalId(globalId: string, field = "id"): { typename: string; id: string } {
  const raw = /^[A-Za-z0-9+/]+={0,2}$/.test(globalId) ? Buffer.from(globalId, "base64").toString("utf8") : "";
  const m = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,9})$/.exec(raw);
  if (!m || Number(m[2]) > MAX_DB_ID) throw badInput(`"${globalId.slice(0, 64)}" is not a valid ID`, field);
  return { typename: m[1]!, id: m[2]! };
}

/** Decodes a global ID that must name a `typename`; returns the database id. */
export function idOf(globalId: string, typename: string, field = "id"): number {
  const d = decodeGlobalId(globalId, field);
  if (d.typename !== typename) throw badInput(`ID ${globalId} is a ${d.typename}, expected a ${typename}`, field);
  return Number(d.id);
}
