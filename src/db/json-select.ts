import { isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLResolveInfo } from "graphql";
import type { PrismaClient } from "../generated/prisma/client.js";
import { rawReadOf } from "./client.js";
import { getDatamodel } from "../generated/pothos-prisma-types.js";
import { PLANNED, plansEveryField } from "../schema/planned-rows.js";

/**
 * A read of a whole Prisma query tree in ONE SQL statement: `findMany`'s arguments (select/include with nested
 * relations, where, orderBy, take, skip, cursor — the queries Pothos plans from a GraphQL selection) compiled into
 * SELECTs that build the rows as JSON in PostgreSQL (json_build_object, json_agg over ordered subqueries). The answer
 * has the shape and values Prisma's own findMany gives (DateTime as Date, Json parsed, _count), so the Pothos
 * resolvers above it work unchanged; test/integration/json-select.test.ts holds the two side by side.
 *
 * Prisma would send one statement per relation level and spend its time compiling and mapping them; here PostgreSQL
 * does the joins and node-postgres parses one JSON value. What it cannot compile (negative take, relation-count order,
 * filters it does not know, a nullable cursor order column) goes to Prisma unchanged: `compile` returns null.
 *
 * Assumes what prisma/schema.prisma holds: table and column names are the model and field names (no @map), every
 * relation references its target's single @id, implicit many-to-many tables are `_<relationName>` with columns A and
 * B (A for the model whose name sorts first).
 */

type Field = { name: string; kind: string; type: string; isList: boolean; isRequired: boolean; isId: boolean; relationName?: string; relationFromFields?: string[] };
type Model = { name: string; fields: Map<string, Field>; id: Field | undefined };

const models = new Map<string, Model>(
  Object.entries((getDatamodel() as unknown as { datamodel: { models: Record<string, { fields: Field[] }> } }).datamodel.models).map(([name, m]) => [
    name,
    { name, fields: new Map(m.fields.map((f) => [f.name, f])), id: m.fields.find((f) => f.isId) },
  ]),
);

class Unsupported extends Error {}
const no = (why: string): never => {
  throw new Unsupported(why);
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const SCALAR_CAST: Record<string, string> = { Int: "int4", Float: "float8", String: "text", Boolean: "boolean", DateTime: "timestamp(3)" };
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

type Args = { select?: Record<string, unknown>; include?: Record<string, unknown>; where?: Record<string, unknown>; orderBy?: unknown; take?: number; skip?: number; cursor?: Record<string, unknown> };

/** How to turn the parsed JSON back into what Prisma returns (Dates), per object level. */
type Shape = { dates: string[]; nested: Array<[string, Shape]> };

class Compiler {
  params: unknown[] = [];
  private aliases = 0;

  /** The scalar columns an include-mode level of each model needs (see columnsOf); absent: every column. */
  constructor(private readonly columns?: Columns) {}

  alias() {
    return `t${this.aliases++}`;
  }

  param(value: unknown, f: Field): string {
    this.params.push(value instanceof Date ? value.toISOString() : value);
    const type = f.kind === "enum" ? q(f.type) : SCALAR_CAST[f.type] ?? no(`parameter of type ${f.type}`);
    return `CAST($${this.params.length} AS ${type}${f.isList ? "[]" : ""})`;
  }

  /** The JSON object for one row of `model` (alias `r`) under a select or include. */
  object(model: Model, r: string, args: Args): { sql: string; shape: Shape } {
    if (args.select && args.include) no("select and include together");
    const pairs: string[] = [];
    const shape: Shape = { dates: [], nested: [] };
    const pruned = this.columns?.models.get(model.name);
    const read = this.columns?.read.get(model.name);
    const scalar = (f: Field) => {
      if (f.kind !== "scalar" && f.kind !== "enum") no(`field ${model.name}.${f.name} of kind ${f.kind}`);
      if (f.type === "DateTime") {
        if (f.isList) no("DateTime list");
        // A date the operation only exposes stays the ISO string PostgreSQL wrote: the DateTime scalar serialises
        // it unchanged, as it would the Date's toISOString(). A resolver's own read gets a Date, as from Prisma.
        if (!pruned || read?.has(f.name)) shape.dates.push(f.name);
        pairs.push(`'${f.name}', to_char(${r}.${q(f.name)}, ${ISO})`);
      } else if (SCALAR_CAST[f.type] || f.kind === "enum" || f.type === "Json") pairs.push(`'${f.name}', ${r}.${q(f.name)}`);
      else no(`scalar type ${f.type}`);
    };
    const chosen = args.select ?? args.include;
    if (!args.select) {
      for (const f of model.fields.values()) if ((f.kind === "scalar" || f.kind === "enum") && (!pruned || pruned.has(f.name) || f.isId)) scalar(f);
    }
    for (const [name, v] of Object.entries(chosen ?? {})) {
      if (v === false || v === undefined) continue;
      if (name === "_count") {
        pairs.push(`'_count', ${this.counts(model, r, v)}`);
        continue;
      }
      const f = model.fields.get(name) ?? no(`unknown field ${model.name}.${name}`);
      if (f.kind === "object") {
        const nested = v === true ? {} : (v as Args);
        const rel = this.relation(model, f, r, nested);
        pairs.push(`'${name}', ${rel.sql}`);
        shape.nested.push([name, rel.shape]);
      } else if (args.select) {
        if (v !== true) no(`select of ${name}: ${JSON.stringify(v)}`);
        scalar(f);
      }
    }
    if (pairs.length > 100) no("more than 50 fields");
    return { sql: `json_build_object(${pairs.join(", ")})`, shape };
  }

  private counts(model: Model, r: string, v: unknown): string {
    const select = (v as { select?: Record<string, unknown> }).select ?? no("_count without select");
    const pairs = Object.entries(select).map(([name, sel]) => {
      const f = model.fields.get(name) ?? no(`unknown count ${name}`);
      if (f.kind !== "object" || !f.isList) no(`count of ${name}`);
      const where = sel === true ? undefined : ((sel as { where?: Record<string, unknown> }).where ?? no(`count args ${JSON.stringify(sel)}`));
      const t = models.get(f.type)!;
      const a = this.alias();
      const j = this.join(model, f, r, a);
      return `'${name}', (SELECT count(*)::int FROM ${j.from} WHERE ${[j.on, where ? this.where(t, a, where) : ""].filter(Boolean).join(" AND ")})`;
    });
    return `json_build_object(${pairs.join(", ")})`;
  }

  /** FROM and join condition of relation `f` of `model` (row alias `r`), the related rows under alias `a`. */
  private join(model: Model, f: Field, r: string, a: string): { from: string; on: string } {
    const target = models.get(f.type) ?? no(`model ${f.type}`);
    const back = [...target.fields.values()].find((o) => o.relationName === f.relationName && o !== f && o.kind === "object") ?? no(`back relation of ${f.name}`);
    if (model === target && f.relationName === back.relationName && f.isList === back.isList) no("self many-to-many");
    if (f.relationFromFields?.length) {
      if (f.relationFromFields.length !== 1 || !target.id) no("compound foreign key");
      return { from: `${q(target.name)} ${a}`, on: `${a}.${q(target.id!.name)} = ${r}.${q(f.relationFromFields[0]!)}` };
    }
    if (back.relationFromFields?.length) {
      if (back.relationFromFields.length !== 1 || !model.id) no("compound foreign key");
      return { from: `${q(target.name)} ${a}`, on: `${a}.${q(back.relationFromFields[0]!)} = ${r}.${q(model.id!.name)}` };
    }
    // implicit many-to-many
    if (!f.isList || !back.isList || !model.id || !target.id) no(`relation ${f.name}`);
    const mine = model.name < target.name ? "A" : "B";
    const theirs = mine === "A" ? "B" : "A";
    const jt = this.alias();
    return {
      from: `${q(`_${f.relationName}`)} ${jt} JOIN ${q(target.name)} ${a} ON ${a}.${q(target.id!.name)} = ${jt}.${q(theirs)}`,
      on: `${jt}.${q(mine)} = ${r}.${q(model.id!.name)}`,
    };
  }

  private relation(model: Model, f: Field, r: string, args: Args): { sql: string; shape: Shape } {
    const target = models.get(f.type)!;
    const a = this.alias();
    const j = this.join(model, f, r, a);
    const obj = this.object(target, a, args);
    if (!f.isList) {
      if (args.where || args.orderBy || args.take !== undefined || args.skip || args.cursor) no("arguments on a to-one relation");
      return { sql: `(SELECT ${obj.sql} FROM ${j.from} WHERE ${j.on})`, shape: obj.shape };
    }
    const list = this.list(target, a, obj.sql, j.from, [j.on], args);
    return { sql: `(SELECT coalesce(json_agg(s.j ORDER BY ${list.outerOrder}), '[]'::json) FROM (${list.sql}) s)`, shape: obj.shape };
  }

  /** The ordered, limited rows of `model` under alias `a` as (j, o0, o1, …) for json_agg to order by. */
  list(model: Model, a: string, json: string, from: string, conditions: string[], args: Args): { sql: string; outerOrder: string } {
    const order = this.order(model, args.orderBy);
    const conds = [...conditions];
    if (args.where && Object.keys(args.where).length) conds.push(this.where(model, a, args.where));
    if (args.cursor) conds.push(this.cursor(model, a, args.cursor, order));
    if (args.take !== undefined && (!Number.isInteger(args.take) || args.take < 0)) no("negative take");
    if (args.skip !== undefined && (!Number.isInteger(args.skip) || args.skip < 0)) no("bad skip");
    const cols = order.map((o, i) => `${a}.${q(o.field.name)} AS o${i}`);
    const sql =
      `SELECT ${json} AS j${cols.length ? `, ${cols.join(", ")}` : ""} FROM ${from}` +
      (conds.length ? ` WHERE ${conds.join(" AND ")}` : "") +
      (order.length ? ` ORDER BY ${order.map((o) => `${a}.${q(o.field.name)} ${o.dir}`).join(", ")}` : "") +
      (args.take !== undefined ? ` LIMIT ${args.take}` : "") +
      (args.skip ? ` OFFSET ${args.skip}` : "");
    return { sql, outerOrder: order.length ? order.map((o, i) => `s.o${i} ${o.dir}`).join(", ") : "1" };
  }

  private order(model: Model, orderBy: unknown): Array<{ field: Field; dir: "ASC" | "DESC" }> {
    if (orderBy === undefined) return [];
    const items = Array.isArray(orderBy) ? orderBy : [orderBy];
    return items.flatMap((item) =>
      Object.entries(item as Record<string, unknown>).map(([name, dir]) => {
        const field = model.fields.get(name) ?? no(`order by ${name}`);
        if ((field.kind !== "scalar" && field.kind !== "enum") || (dir !== "asc" && dir !== "desc")) no(`order by ${name}: ${JSON.stringify(dir)}`);
        return { field, dir: dir === "asc" ? ("ASC" as const) : ("DESC" as const) };
      }),
    );
  }

  /** Prisma's cursor: the rows from the cursor row on, in the query's order (none when the cursor row is missing). */
  private cursor(model: Model, a: string, cursor: Record<string, unknown>, order: Array<{ field: Field; dir: "ASC" | "DESC" }>): string {
    const c = this.alias();
    const keys = Object.entries(cursor);
    if (keys.length === 0) no("empty cursor");
    const at = keys.map(([name, v]) => `${c}.${q(name)} = ${this.param(v, model.fields.get(name) ?? no(`cursor ${name}`))}`).join(" AND ");
    const cols = [...order];
    for (const [name] of keys) if (!cols.some((o) => o.field.name === name)) cols.push({ field: model.fields.get(name)!, dir: "ASC" });
    if (cols.some((o) => !o.field.isRequired || o.field.isList)) no("cursor over a nullable order column");
    // (x1, x2, …) at or after the cursor row: x1 beyond it, or equal and x2 beyond it, …, or all equal.
    const terms: string[] = [];
    for (let i = 0; i <= cols.length; i++) {
      const eq = cols.slice(0, i).map((o) => `${a}.${q(o.field.name)} = ${c}.${q(o.field.name)}`);
      const beyond = i < cols.length ? [`${a}.${q(cols[i]!.field.name)} ${cols[i]!.dir === "ASC" ? ">" : "<"} ${c}.${q(cols[i]!.field.name)}`] : [];
      terms.push(`(${[...eq, ...beyond].join(" AND ")})`);
    }
    return `EXISTS (SELECT 1 FROM ${q(model.name)} ${c} WHERE ${at} AND (${terms.join(" OR ")}))`;
  }

  where(model: Model, a: string, where: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [key, v] of Object.entries(where)) {
      if (v === undefined) continue;
      if (key === "AND" || key === "OR") {
        const list = (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
        const inner = list.map((w) => this.where(model, a, w));
        if (inner.length) parts.push(`(${inner.join(key === "AND" ? " AND " : " OR ")})`);
        else if (key === "OR") parts.push("FALSE");
        continue;
      }
      if (key === "NOT") {
        const list = (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
        for (const w of list) parts.push(`NOT (${this.where(model, a, w)})`);
        continue;
      }
      const f = model.fields.get(key) ?? no(`where on ${key}`);
      if (f.kind === "object") parts.push(this.relationFilter(model, f, a, v as Record<string, unknown>));
      else parts.push(this.scalarFilter(f, `${a}.${q(f.name)}`, v));
    }
    return parts.length ? parts.join(" AND ") : "TRUE";
  }

  private relationFilter(model: Model, f: Field, a: string, v: Record<string, unknown>): string {
    const target = models.get(f.type)!;
    const b = this.alias();
    const j = this.join(model, f, a, b);
    const ops = Object.entries(v);
    if (!f.isList || ops.length !== 1) no(`filter on ${f.name}`);
    const [op, inner] = ops[0]!;
    const w = this.where(target, b, inner as Record<string, unknown>);
    if (op === "some") return `EXISTS (SELECT 1 FROM ${j.from} WHERE ${j.on} AND ${w})`;
    if (op === "none") return `NOT EXISTS (SELECT 1 FROM ${j.from} WHERE ${j.on} AND ${w})`;
    if (op === "every") return `NOT EXISTS (SELECT 1 FROM ${j.from} WHERE ${j.on} AND NOT (${w}))`;
    return no(`relation filter ${op}`);
  }

  private scalarFilter(f: Field, col: string, v: unknown): string {
    if (f.type === "Json") no("Json filter");
    if (v === null) return `${col} IS NULL`;
    if (typeof v !== "object" || v instanceof Date) return `${col} = ${this.param(v, f)}`;
    const filter = v as Record<string, unknown>;
    const insensitive = filter.mode === "insensitive";
    const parts: string[] = [];
    for (const [op, x] of Object.entries(filter)) {
      if (op === "mode" || x === undefined) continue;
      const one = { ...f, isList: false };
      switch (op) {
        case "equals":
          parts.push(x === null ? `${col} IS NULL` : `${col} = ${this.param(x, f)}`);
          break;
        case "not":
          if (x !== null && typeof x === "object" && !(x instanceof Date)) no("nested not");
          parts.push(x === null ? `${col} IS NOT NULL` : `(${col} <> ${this.param(x, f)} OR ${col} IS NULL)`);
          break;
        case "gt":
        case "gte":
        case "lt":
        case "lte":
          parts.push(`${col} ${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[op]} ${this.param(x, f)}`);
          break;
        case "in":
        case "notIn": {
          if (!Array.isArray(x)) no("in without a list");
          const list = `${this.param(x, { ...f, isList: true })}`;
          parts.push(op === "in" ? `${col} = ANY(${list})` : `NOT (${col} = ANY(${list}))`);
          break;
        }
        case "contains":
        case "startsWith":
        case "endsWith": {
          if (f.type !== "String" || f.isList) no(`${op} on ${f.name}`);
          const esc = String(x).replace(/[\\%_]/g, "\\$&");
          const pattern = op === "contains" ? `%${esc}%` : op === "startsWith" ? `${esc}%` : `%${esc}`;
          parts.push(`${col} ${insensitive ? "ILIKE" : "LIKE"} ${this.param(pattern, one)}`);
          break;
        }
        case "has":
          if (!f.isList) no("has on a scalar");
          parts.push(`${this.param(x, one)} = ANY(${col})`);
          break;
        default:
          no(`filter ${op}`);
      }
    }
    if (insensitive && parts.length === 0) no("mode alone");
    return parts.length ? parts.join(" AND ") : "TRUE";
  }
}

/** Dates back to Date objects; with `mark`, every row of the answer marked as loaded by its field's plan (PLANNED). */
function revive(rows: Array<Record<string | symbol, unknown>>, shape: Shape, mark: boolean) {
  for (const row of rows) {
    if (!row) continue;
    if (mark) row[PLANNED] = true;
    for (const d of shape.dates) if (typeof row[d] === "string") row[d] = new Date(row[d] as string);
    for (const [name, s] of shape.nested) {
      const v = row[name] as Record<string, unknown> | Array<Record<string, unknown>> | null;
      if (v) revive(Array.isArray(v) ? v : [v], s, mark);
    }
  }
  return rows;
}

/** The relations a Prisma findMany's args load (no dates: Prisma's rows have Date objects already), to mark them. */
function shapeOfArgs(model: Model, args: Args): Shape {
  const shape: Shape = { dates: [], nested: [] };
  for (const [name, v] of Object.entries(args.select ?? args.include ?? {})) {
    const f = model.fields.get(name);
    if (!v || f?.kind !== "object") continue;
    shape.nested.push([name, shapeOfArgs(models.get(f.type)!, v === true ? {} : (v as Args))]);
  }
  return shape;
}

export type Compiled = { sql: string; params: unknown[]; shape: Shape };

/**
 * The scalar columns of each model that the fields of one GraphQL operation can read, for the levels Pothos plans in
 * include mode (which would otherwise select every column: a page of statements would carry every claim frame the
 * page never shows). Per model: its id, and the column each selected field exposes (`t.expose*`). A model that has a
 * selected field which is neither an exposure, a relation, the Relay id nor a static select of columns (a field with
 * its own resolver, which may read any column) keeps every column, and so does a model the operation selects no field
 * of. `key` spells the choice for the statement cache.
 */
export type Columns = { models: Map<string, Set<string>>; read: Map<string, Set<string>>; key: string };

const columnsByOperation = new WeakMap<object, Columns>();

export function columnsOf(info: Pick<GraphQLResolveInfo, "schema" | "operation" | "fragments">): Columns {
  let found = columnsByOperation.get(info.operation);
  if (found) return found;
  const needs = new Map<string, Set<string> | null>();
  // Per model, the columns a field's own resolver reads (a static select's): those keep their Prisma types (Date).
  const read = new Map<string, Set<string>>();
  const typeInfo = new TypeInfo(info.schema);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parentType = typeInfo.getParentType();
        const parent = isObjectType(parentType) ? parentType : undefined;
        const def = typeInfo.getFieldDef();
        const modelName = parent ? (parent.extensions as { pothosPrismaModel?: string }).pothosPrismaModel : undefined;
        const model = modelName ? models.get(modelName) : undefined;
        if (!model || !def || node.name.value === "__typename" || needs.get(model.name) === null) return;
        let set = needs.get(model.name);
        if (!set) needs.set(model.name, (set = new Set()));
        const ext = def.extensions as { pothosExposedField?: unknown; pothosPrismaRelationField?: unknown; pothosPrismaSelect?: unknown };
        const select = ext.pothosPrismaSelect;
        if (typeof ext.pothosExposedField === "string") set.add(ext.pothosExposedField);
        else if (ext.pothosPrismaRelationField || (def.name === "id" && parent!.getInterfaces().some((i) => i.name === "Node"))) return;
        else if (select && typeof select === "object" && Object.keys(select).every((k) => k === "_count" || model.fields.get(k)?.kind === "object" || model.fields.has(k))) {
          for (const k of Object.keys(select)) {
            if (model.fields.get(k)?.kind !== "scalar" && model.fields.get(k)?.kind !== "enum") continue;
            set.add(k);
            if (!read.has(model.name)) read.set(model.name, new Set());
            read.get(model.name)!.add(k);
          }
        } else needs.set(model.name, null);
      },
    }),
  );
  const kept = new Map([...needs].filter((e): e is [string, Set<string>] => e[1] !== null));
  const spell = (m: Map<string, Set<string>>) => [...m].map(([name, cols]) => `${name}:${[...cols].sort().join(",")}`).sort().join(";");
  found = { models: kept, read, key: `${spell(kept)}|${spell(read)}` };
  columnsByOperation.set(info.operation, found);
  return found;
}

/**
 * The SQL for `findMany(args)` on `modelName`: one row with a column `rows` (a JSON array), and with `withCount` also
 * `total`, the count of every row `args.where` matches; null when not compilable.
 */
export function compileFindMany(modelName: string, args: Args, withCount = false, columns?: Columns): Compiled | null {
  const model = models.get(modelName);
  if (!model) return null;
  try {
    const c = new Compiler(columns);
    const a = c.alias();
    const obj = c.object(model, a, args);
    const list = c.list(model, a, obj.sql, `${q(model.name)} ${a}`, [], args);
    const total = withCount ? `(SELECT count(*)::int FROM ${q(model.name)} n WHERE ${args.where && Object.keys(args.where).length ? c.where(model, "n", args.where) : "TRUE"}) AS total, ` : "";
    return { sql: `SELECT ${total}coalesce(json_agg(s.j ORDER BY ${list.outerOrder}), '[]'::json) AS rows FROM (${list.sql}) s`, params: c.params, shape: obj.shape };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** The SQL for `count({ where })` on `modelName`, or null when not compilable. */
export function compileCount(modelName: string, where: Record<string, unknown> | undefined): { sql: string; params: unknown[] } | null {
  const model = models.get(modelName);
  if (!model) return null;
  try {
    const c = new Compiler();
    const w = where && Object.keys(where).length ? c.where(model, "t", where) : "TRUE";
    return { sql: `SELECT count(*)::int AS n FROM ${q(model.name)} t WHERE ${w}`, params: c.params };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

type Delegate = { findMany(args: unknown): Promise<unknown[]>; count(args: unknown): Promise<number> };
const delegate = (prisma: PrismaClient, model: string) => (prisma as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

/** The cache key of some arguments; null (Prisma answers) for what JSON cannot spell, such as a BigInt. */
function keyOf(args: unknown): string | null {
  try {
    return JSON.stringify(args);
  } catch {
    return null;
  }
}

// Compiled statements by model and argument shape (the argument values are in the key too: they are small).
const cache = new Map<string, Compiled | null>();
const CACHE_MAX = 500;
function cached<T extends Compiled | { sql: string; params: unknown[] } | null>(key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const v = make();
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, v as Compiled | null);
  return v;
}

/** A compiled statement through the driver when the client has a raw reader (see db/client.ts), else Prisma's. */
function readRaw<R>(prisma: PrismaClient, c: { sql: string; params: unknown[] }): Promise<R[]> {
  const raw = rawReadOf(prisma);
  return raw ? (raw(c.sql, c.params) as Promise<R[]>) : prisma.$queryRawUnsafe<R[]>(c.sql, ...c.params);
}

/** `prisma.<model>.findMany(args)` in one SQL statement; Prisma itself for what the compiler does not take. */
export async function findManyJson<T>(prisma: PrismaClient, modelName: string, args: Args, info?: GraphQLResolveInfo): Promise<T[]> {
  return (await page<T>(prisma, modelName, args, false, info)).rows;
}

/**
 * With `info` (a resolver's, whose own fields read the rows), include-mode levels read only the columns the operation's
 * fields need (columnsOf); without it, every column, as Prisma's findMany.
 */
async function page<T>(prisma: PrismaClient, modelName: string, args: Args, withCount: boolean, info?: GraphQLResolveInfo): Promise<{ rows: T[]; total?: number }> {
  const key = keyOf(args);
  const columns = info ? columnsOf(info) : undefined;
  const compiled = key === null ? null : cached(`m|${modelName}|${withCount}|${columns?.key ?? "*"}|${key}`, () => compileFindMany(modelName, args, withCount, columns));
  // Rows for a resolver's plan (`info`) that takes every field of the operation are marked for schema/planned-rows.ts.
  const mark = !!info && plansEveryField(info);
  if (!compiled) {
    const rows = (await delegate(prisma, modelName).findMany(args)) as Array<Record<string, unknown>>;
    return { rows: (mark ? revive(rows, shapeOfArgs(models.get(modelName)!, args), true) : rows) as T[] };
  }
  const [row] = await readRaw<{ rows: unknown; total?: number }>(prisma, compiled);
  const rows = (typeof row!.rows === "string" ? JSON.parse(row!.rows) : row!.rows) as Array<Record<string, unknown>>;
  return { rows: revive(rows, compiled.shape, mark) as T[], ...(withCount ? { total: Number(row!.total) } : {}) };
}

// The count a connection page read along with its rows, by the resolve info of that connection field (Pothos hands
// the same info to a prismaConnection's resolve and to its totalCount).
const totals = new WeakMap<GraphQLResolveInfo, Promise<number | undefined>>();

const selectsTotalCount = (info: GraphQLResolveInfo) =>
  info.fieldNodes.some((n) => n.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "totalCount"));

/**
 * A connection's page (findMany args as Pothos planned them) in one SQL statement, which also counts every row the
 * filter matches when the selection asks for `totalCount`; `connectionCount` with the same info then reads that count.
 */
export async function findConnectionJson<T>(prisma: PrismaClient, modelName: string, args: Args, info: GraphQLResolveInfo): Promise<T[]> {
  if (!selectsTotalCount(info)) return findManyJson<T>(prisma, modelName, args, info);
  const read = page<T>(prisma, modelName, args, true, info);
  totals.set(info, read.then((r) => r.total, () => undefined));
  return (await read).rows;
}

/** The count `findConnectionJson` read for this connection field, else `count({ where })` (compiled like countJson). */
export async function connectionCount(prisma: PrismaClient, modelName: string, where: Record<string, unknown> | undefined, info: GraphQLResolveInfo): Promise<number> {
  const total = await totals.get(info);
  return total ?? countJson(prisma, modelName, where);
}

/** `prisma.<model>.findUnique(args)` by a unique where, in one SQL statement (T includes null: the row may not exist). */
export async function findUniqueJson<T>(prisma: PrismaClient, modelName: string, args: Args, info?: GraphQLResolveInfo): Promise<T> {
  const rows = await findManyJson<T>(prisma, modelName, { ...args, take: 1 }, info);
  return (rows[0] ?? null) as T;
}

/** `prisma.<model>.count({ where })`, compiled like findManyJson. */
export async function countJson(prisma: PrismaClient, modelName: string, where: Record<string, unknown> | undefined): Promise<number> {
  const key = keyOf(where ?? {});
  const compiled = key === null ? null : cached(`c|${modelName}|${key}`, () => compileCount(modelName, where));
  if (!compiled) return delegate(prisma, modelName).count({ where });
  const [row] = await readRaw<{ n: number }>(prisma, compiled);
  return Number(row!.n);
}
