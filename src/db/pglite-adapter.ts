import type { PGlite } from "@electric-sql/pglite";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

type PgError = { code: string; message: string; severity: string; detail?: string; column?: string; constraint?: string };

function isPgError(e: unknown): e is PgError {
  const x = e as Partial<PgError> | null;
  return !!x && typeof x.code === "string" && typeof x.message === "string" && typeof x.severity === "string";
}

function keyFields(detail: string | undefined): { fields: string[] } | undefined {
  const m = detail?.match(/Key \(([^)]+)\)/);
  return m?.[1] ? { fields: m[1].split(", ") } : undefined;
}

/** The same error kinds adapter-pg produces, so Prisma raises P2002/P2003/… on both backends. */
function mapPgError(e: PgError): ConstructorParameters<typeof DriverAdapterError>[0] {
  const base = { originalCode: e.code, originalMessage: e.message };
  switch (e.code) {
    case "23505":
      return { ...base, kind: "UniqueConstraintViolation", constraint: keyFields(e.detail) };
    case "23502":
      return { ...base, kind: "NullConstraintViolation", constraint: keyFields(e.detail) };
    case "23503":
      return {
        ...base,
        kind: "ForeignKeyConstraintViolation",
        constraint: e.column ? { fields: [e.column] } : e.constraint ? { index: e.constraint } : undefined,
      };
    case "22001":
      return { ...base, kind: "LengthMismatch", column: e.column };
    case "22003":
      return { ...base, kind: "ValueOutOfRange", cause: e.message };
    case "40001":
      return { ...base, kind: "TransactionWriteConflict" };
    case "42P01":
      return { ...base, kind: "TableDoesNotExist", table: e.message.split('"')[1] };
    case "42703":
      return { ...base, kind: "ColumnNotFound", column: e.message.split('"')[1] };
    default:
      return { ...base, kind: "postgres", code: e.code, severity: e.severity, message: e.message, detail: e.detail, column: e.column, hint: undefined };
  }
}

let patched = false;

// pglite-prisma-adapter 0.6.1 (a) reports every database error as kind "postgres", so Prisma never raises
// P2002 and friends, (b) does not await exec() in executeScript, which drops migration errors, and (c) below.
function patch(adapter: object): void {
  if (patched) return;
  const adapterProto = Object.getPrototypeOf(adapter) as Record<string, unknown>;
  const queryableProto = Object.getPrototypeOf(adapterProto) as Record<string, unknown>;
  queryableProto.onError = function onError(error: unknown): never {
    if (isPgError(error)) throw new DriverAdapterError(mapPgError(error));
    throw error;
  };
  // (c) Prisma's query compiler sends Bytes arguments as base64 strings (typed in argTypes); adapter-pg decodes
  // them, this adapter passed the string on, which PostgreSQL refuses ("invalid input for bytea").
  type Query = { sql: string; args: unknown[]; argTypes?: Array<{ scalarType?: string; arity?: string } | undefined> };
  const performIO = queryableProto.performIO as (this: unknown, q: Query) => Promise<unknown>;
  queryableProto.performIO = function performBytesIO(this: unknown, query: Query) {
    const types = query.argTypes;
    if (types?.some((t) => t?.scalarType === "bytes")) {
      const decode = (a: unknown) => (typeof a === "string" ? Buffer.from(a, "base64") : Array.isArray(a) && a.every((x) => typeof x === "number") ? Buffer.from(a as number[]) : a);
      query = { ...query, args: query.args.map((a, i) => (types[i]?.scalarType !== "bytes" ? a : types[i]?.arity === "list" && Array.isArray(a) ? a.map(decode) : decode(a))) };
    }
    return performIO.call(this, query);
  };
  adapterProto.executeScript = async function executeScript(this: { client: PGlite; onError(e: unknown): never }, script: string) {
    try {
      await this.client.exec(script);
    } catch (e) {
      this.onError(e);
    }
  };
  patched = true;
}

/** A Prisma driver adapter factory for a PGlite instance, with the error mapping and script fixes applied. */
export function pgliteAdapter(db: PGlite): PrismaPGlite {
  const factory = new PrismaPGlite(db);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patch(adapter);
    return adapter;
  };
  return factory;
}
