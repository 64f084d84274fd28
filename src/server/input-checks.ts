import {
  getArgumentValues, getNullableType, getOperationAST, getVariableValues, GraphQLError, isInputObjectType, isListType,
  Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLInputType, type GraphQLSchema, type ASTNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_LIST_LENGTH } from "../schema/ids.js";
import { malformedUnicode } from "../services/text.js";

/**
 * Checks an operation's inputs before anything runs, so a bad one changes nothing:
 * - variables that do not coerce to their declared types (wrong type, missing, unknown enum value) → BAD_USER_INPUT;
 * - a list argument or list input field longer than MAX_LIST_LENGTH (`nodes(ids)`, `sourceIds`, `mergeIds`, and any
 *   list argument added later) → BAD_USER_INPUT with `max`;
 * - a string anywhere in the arguments with a lone UTF-16 surrogate or a NUL character (PostgreSQL cannot store
 *   either) → BAD_USER_INPUT with the argument path.
 * All answer HTTP 400: the operation was not executed.
 */
const bad = (message: string, node: ASTNode | undefined, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: "BAD_USER_INPUT", ...extensions, http: { status: 400 } } });

function valueProblem(value: unknown, type: GraphQLInputType, path: string): { message: string; extensions: Record<string, unknown> } | undefined {
  if (value === null || value === undefined) return undefined;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (!Array.isArray(value)) return valueProblem(value, t.ofType, path);
    if (value.length > MAX_LIST_LENGTH) {
      return { message: `${path}: at most ${MAX_LIST_LENGTH} items, got ${value.length}`, extensions: { field: path, max: MAX_LIST_LENGTH } };
    }
    for (const [i, item] of value.entries()) {
      const p = valueProblem(item, t.ofType, `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[k];
      const p = f ? valueProblem(v, f.type, `${path}.${k}`) : undefined;
      if (p) return p;
    }
    return undefined;
  }
  if (typeof value === "string") {
    const why = malformedUnicode(value);
    if (why) return { message: `${path}: ${why}`, extensions: { field: path } };
  }
  return undefined;
}

export function inputErrors(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError[] {
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op) {
    const message = operationName ? `no operation named "${String(operationName).slice(0, 100)}" in the document` : "the document has several operations: name one in operationName";
    return [new GraphQLError(message, { extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } } })];
  }
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables ?? {}, { maxErrors: 20 });
  if (coerced.errors) {
    return coerced.errors.map(
      (e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e.originalError, extensions: { ...e.extensions, code: e.extensions.code ?? "BAD_USER_INPUT", http: { status: 400 } } }),
    );
  }
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  const only: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
  visit(
    only,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (!def || !node.arguments?.length) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(def, node, coerced.coerced);
        } catch {
          return; // execution reports it with its location
        }
        for (const argDef of def.args) {
          const p = valueProblem(args[argDef.name], argDef.type, argDef.name);
          if (p) errors.push(bad(`${node.name.value}(${p.message})`, node.arguments.find((a) => a.name.value === argDef.name) ?? node, p.extensions));
        }
      },
    }),
  );
  return errors;
}

export function useInputChecks(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = inputErrors(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = inputErrors(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}
