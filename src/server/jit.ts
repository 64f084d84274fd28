import type { DocumentNode, ExecutionResult } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { Plugin } from "graphql-yoga";
import { rowsAllMarked } from "../schema/planned-rows.js";

/**
 * The hot reads on graphql-jit's compiled executor: an operation whose every row json-select loaded and marked
 * (schema/planned-rows.ts `rowsAllMarked`: the contradictions page, statements of a speaker, a speaker page…). Its
 * fields then read their rows directly, and the executor's per-field work (path objects, promise checks, argument
 * coercion) is compiled away. Any other operation stays on Yoga's executor: the prisma plugin's loader mapping keys
 * on graphql-js's path objects, which graphql-jit does not keep.
 *
 * An answer with errors is thrown away and the operation run again on Yoga's executor (a query: it changed nothing),
 * so that errors read exactly as they always have (graphql-jit's leave out `locations`, and put `data` first).
 * Compiled once per parsed document (Yoga's parser cache hands the same one back for the same text).
 */
export function useJitForMarkedReads(): Plugin {
  const compiled = new WeakMap<DocumentNode, CompiledQuery | null>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!rowsAllMarked(args.schema, args.document, args.operationName)) return;
      let query = compiled.get(args.document);
      if (query === undefined) {
        const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
        query = isCompiledQuery(result) ? result : null;
        compiled.set(args.document, query);
      }
      if (!query) return;
      const jit = query;
      const answer = (a: unknown, result: ExecutionResult) => (result.errors?.length ? executeFn(a as typeof args) : result);
      setExecuteFn((a) => {
        const result = jit.query(a.rootValue, a.contextValue, a.variableValues);
        return result instanceof Promise ? result.then((r) => answer(a, r)) : answer(a, result);
      });
    },
  };
}
