import pg from "pg";

// adapter-pg 6.19 cannot deserialise the catalog types `name` (19) and `"char"` (18), nor their arrays.
// The JS schema engine and raw catalog queries return them, so report them as text / text[].
const REMAP: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 };

function fixFields(result: unknown): unknown {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const f of r?.fields ?? []) {
      const to = REMAP[f.dataTypeID];
      if (to !== undefined) f.dataTypeID = to;
    }
  }
  return result;
}

/** A pg.Client whose results report `name`/`"char"` columns as text. */
export class NameAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error, res: unknown) => last(err, err ? res : fixFields(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(fixFields);
    }
    return out;
  }
}
