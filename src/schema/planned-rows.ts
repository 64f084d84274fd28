import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Rows loaded by a field's whole Pothos plan (db/json-select.ts: the plan's findMany args, in one SQL statement)
 * carry this mark, set on every object of the answer (the row and each related row in it).
 *
 * For such a row the prisma plugin's per-field wrapper has nothing to decide: it looks up, for every relation field
 * (and, on a select-mode type, every exposed field) of every row, the loader mapping recorded under the field's
 * response path, to learn whether the planned query loaded the field, and records the mappings of the fields beneath
 * it, all to answer "yes, read it from the row". The mark answers that once for the whole answer, so a field of a
 * marked row runs its own resolver (`parent[relation]`, the connection over `parent[relation]`…) directly.
 *
 * The mark is set only for an operation in which the plan takes every field (`plansEveryField`): one that selects no
 * relation under two response keys at one level (the plan keeps the first and leaves the other to load on its own)
 * and defers nothing. Any other row (a node(id), a mutation payload, an unmarked operation) takes the prisma plugin's
 * path, unchanged.
 */
export const PLANNED = Symbol("gainsay.plannedRow");

type Row = { [PLANNED]?: true };

/** Whether `value` is a row the plan of its field loaded whole. */
export const isPlannedRow = (value: unknown): boolean => typeof value === "object" && value !== null && (value as Row)[PLANNED] === true;

const everyFieldPlanned = new WeakMap<OperationDefinitionNode, boolean>();

/**
 * Whether Pothos's plan of this operation takes every field it selects: no field name under two response keys in
 * one (merged) selection set, fragments followed, and no @defer or @stream. Conservative: fragments are merged
 * whatever their type condition, and a scalar selected twice under two aliases also answers false. Once per
 * operation (the parsed document is cached by Yoga, so per distinct query text).
 */
export function plansEveryField(info: Pick<GraphQLResolveInfo, "operation" | "fragments">): boolean {
  let ok = everyFieldPlanned.get(info.operation);
  if (ok === undefined) {
    ok = checkSets([info.operation.selectionSet], info.fragments, new Set());
    everyFieldPlanned.set(info.operation, ok);
  }
  return ok;
}

function checkSets(sets: readonly SelectionSetNode[], fragments: GraphQLResolveInfo["fragments"], spreading: Set<string>): boolean {
  const byKey = new Map<string, FieldNode[]>();
  const collect = (set: SelectionSetNode): boolean => {
    for (const s of set.selections) {
      if (s.directives?.some((d) => d.name.value === "defer" || d.name.value === "stream")) return false;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        const list = byKey.get(key);
        if (list) list.push(s);
        else byKey.set(key, [s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!collect(s.selectionSet)) return false;
      } else {
        const name = s.name.value;
        const fragment = fragments[name];
        if (!fragment || spreading.has(name)) return false;
        spreading.add(name);
        const fine = collect(fragment.selectionSet);
        spreading.delete(name);
        if (!fine) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!collect(set)) return false;
  const names = new Set<string>();
  for (const fields of byKey.values()) {
    const name = fields[0]!.name.value;
    if (fields.some((f) => f.name.value !== name) || names.has(name)) return false;
    names.add(name);
    const nested = fields.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
    if (nested.length && !checkSets(nested, fragments, spreading)) return false;
  }
  return true;
}

/**
 * The Pothos plugin: listed first, so its wrapper is the outermost. For every field the prisma plugin wraps (a
 * `PrismaObject` field with a planned selection), a marked parent row goes straight to the field's own resolver; any
 * other parent to the prisma plugin's wrapper as before.
 */
export class PlannedRowsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types["Context"], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const own = fieldConfig.resolve as GraphQLFieldResolver<unknown, Types["Context"], object> | undefined;
    if (fieldConfig.kind !== "PrismaObject" || !fieldConfig.extensions?.pothosPrismaSelect || !own) return resolver;
    return (parent, args, context, info) => ((parent as Row)[PLANNED] === true ? own(parent, args, context, info) : resolver(parent, args, context, info));
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      plannedRows: PlannedRowsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin("plannedRows", PlannedRowsPlugin);
export default "plannedRows" as const;

/**
 * The fields that load their own rows through db/json-select.ts with their resolve info (so the rows are marked
 * whenever `plansEveryField` holds): the hot reads. Every other field that returns model rows is either planned into
 * its parent's rows (a relation, a related connection) or is not in this list.
 */
const MARKED_LOADERS = new Set(["Query.contradictions", "Query.contradiction", "Query.statements", "Query.statement", "Query.speaker", "Speaker.contradictions"]);

const modelOf = (type: GraphQLNamedType | undefined): string | undefined => {
  if (!isObjectType(type)) return undefined;
  const model = (type.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
  if (model) return model;
  // A connection: its edges' node.
  const edges = type.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  return node && isObjectType(getNamedType(node.type)) ? (getNamedType(node.type).extensions as { pothosPrismaModel?: string }).pothosPrismaModel : undefined;
};

/** A Relay connection or edge type (its rows are those of the connection field above it). */
const isConnectionPart = (type: GraphQLNamedType): boolean => {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return (!!fields.edges && !!fields.pageInfo) || (!!fields.node && !!fields.cursor);
};

const allMarked = new WeakMap<DocumentNode, boolean>();

/**
 * Whether every row this operation's resolvers see is a marked one, so that no field of it takes the prisma plugin's
 * loader-mapping path: a query, whose plan takes every field (`plansEveryField`), in which every field returning model
 * rows is either planned into its parent's row or one of MARKED_LOADERS. Such an operation can run on an executor that
 * does not hand graphql-js's path objects to the resolvers (graphql-jit): the prisma plugin's mapping keys on those, so
 * under that executor any other operation would load each relation on its own. Once per parsed document.
 */
export function rowsAllMarked(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): boolean {
  let ok = allMarked.get(document);
  if (ok !== undefined) return ok;
  ok = false;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operation?.operation === "query") {
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    // graphql-jit can answer a fragment's fields after the fields that follow its spread in one selection set (seen
    // on `statement { ...Said event { id } }`), where graphql-js keeps the document's order: such a document stays on
    // graphql-js, so every answer keeps its bytes.
    ok = plansEveryField({ operation, fragments }) && !fieldAfterFragment(document);
    if (ok) {
      const typeInfo = new TypeInfo(schema);
      visit(
        { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] },
        visitWithTypeInfo(typeInfo, {
          Field() {
            const parent = typeInfo.getParentType();
            const def = typeInfo.getFieldDef();
            if (!def || !parent) return;
            const type = getNamedType(def.type);
            // An interface or union (node, nodes) may be any model, loaded by Pothos's own loaders.
            if (isAbstractType(type)) ok = false;
            // A connection's edges and their nodes are the rows of the connection field, checked at that field.
            if (!modelOf(type) || isConnectionPart(parent)) return;
            const planned = !!(def.extensions as { pothosPrismaSelect?: unknown }).pothosPrismaSelect && !!(parent.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
            if (!planned && !MARKED_LOADERS.has(`${parent.name}.${def.name}`)) ok = false;
          },
        }),
      );
    }
  }
  allMarked.set(document, ok);
  return ok;
}

/** Whether some selection set of the document has a field after a fragment spread or inline fragment. */
function fieldAfterFragment(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    SelectionSet(set) {
      const first = set.selections.findIndex((s) => s.kind !== Kind.FIELD);
      if (first >= 0 && set.selections.slice(first).some((s) => s.kind === Kind.FIELD)) found = true;
    },
  });
  return found;
}
