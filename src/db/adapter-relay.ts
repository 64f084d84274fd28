import type { MessagePort } from "node:worker_threads";
import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type SqlResultSet, type Transaction } from "@prisma/driver-adapter-utils";

/**
 * A Prisma driver adapter carried over a MessagePort, so that a worker thread can use the one embedded database its
 * parent thread holds (PGlite lives in one thread and has one connection). The thread's Prisma client sends each
 * SQL query to the parent (`relayAdapter`); the parent runs it on its own adapter (`serveAdapter`) and sends the rows
 * back. Transactions stay open on the parent between messages, by id. Everything else Prisma does — planning the
 * queries, turning rows into objects — and whatever the thread does with them runs in the thread.
 */

type Op = "queryRaw" | "executeRaw" | "executeScript" | "startTransaction" | "commit" | "rollback" | "info";
type Request = { id: number; op: Op; tx?: number; arg?: unknown };
type Reply = { id: number; value?: unknown; error?: { adapter?: unknown; message: string } };
type Info = { provider: SqlDriverAdapter["provider"]; adapterName: string; connectionInfo?: ReturnType<NonNullable<SqlDriverAdapter["getConnectionInfo"]>>; txOptions?: Transaction["options"] };

/** The parent's side: answers the thread's queries on `factory`'s adapter. `close` rolls back what the thread left open. */
export function serveAdapter(port: MessagePort, factory: SqlDriverAdapterFactory): { close(): Promise<void> } {
  let adapter: Promise<SqlDriverAdapter> | undefined;
  const open = new Map<number, Transaction>();
  let nextTx = 1;
  const handle = async ({ op, tx, arg }: Request): Promise<unknown> => {
    const a = await (adapter ??= factory.connect());
    const on = tx === undefined ? a : open.get(tx);
    if (!on) throw new Error(`db/adapter-relay: no open transaction ${tx}`);
    switch (op) {
      case "info":
        return { provider: a.provider, adapterName: a.adapterName, connectionInfo: a.getConnectionInfo?.() } satisfies Info;
      case "queryRaw":
        return on.queryRaw(arg as SqlQuery);
      case "executeRaw":
        return on.executeRaw(arg as SqlQuery);
      case "executeScript":
        return a.executeScript(arg as string);
      case "startTransaction": {
        const t = await a.startTransaction(arg as Parameters<SqlDriverAdapter["startTransaction"]>[0]);
        const id = nextTx++;
        open.set(id, t);
        return { id, options: t.options };
      }
      case "commit":
      case "rollback": {
        const t = on as Transaction;
        open.delete(tx!);
        return op === "commit" ? t.commit() : t.rollback();
      }
    }
  };
  port.on("message", (m: Request) => {
    handle(m).then(
      (value) => port.postMessage({ id: m.id, value } satisfies Reply),
      (e: Error) => port.postMessage({ id: m.id, error: { message: e.message, adapter: e instanceof DriverAdapterError || e?.name === "DriverAdapterError" ? (e as DriverAdapterError).cause : undefined } } satisfies Reply),
    );
  });
  return {
    async close() {
      port.close();
      // A thread that ended (or died) inside a transaction must not leave the database's one connection taken.
      const left = [...open.values()];
      open.clear();
      await Promise.all(left.map((t) => t.rollback().catch(() => undefined)));
    },
  };
}

/** The thread's side: an adapter factory whose queries run on the parent's adapter (see serveAdapter). */
export function relayAdapter(port: MessagePort, adapterName: string): SqlDriverAdapterFactory {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.on("message", (m: Reply) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (!m.error) w.resolve(m.value);
    else if (m.error.adapter) w.reject(new DriverAdapterError(m.error.adapter as ConstructorParameters<typeof DriverAdapterError>[0]));
    else w.reject(new Error(m.error.message));
  });
  const call = <T>(op: Op, arg?: unknown, tx?: number) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.postMessage({ id, op, tx, arg } satisfies Request);
    });
  const queryable = (tx?: number) => ({
    queryRaw: (q: SqlQuery) => call<SqlResultSet>("queryRaw", q, tx),
    executeRaw: (q: SqlQuery) => call<number>("executeRaw", q, tx),
  });
  const connect = async (): Promise<SqlDriverAdapter> => {
    const info = await call<Info>("info");
    return {
      provider: info.provider,
      adapterName: info.adapterName,
      ...queryable(),
      executeScript: (script: string) => call<void>("executeScript", script),
      getConnectionInfo: () => info.connectionInfo ?? { supportsRelationJoins: false },
      async startTransaction(isolationLevel) {
        const t = await call<{ id: number; options: Transaction["options"] }>("startTransaction", isolationLevel);
        return {
          provider: info.provider,
          adapterName: info.adapterName,
          options: t.options,
          ...queryable(t.id),
          commit: () => call<void>("commit", undefined, t.id),
          rollback: () => call<void>("rollback", undefined, t.id),
        };
      },
      dispose: async () => undefined,
    };
  };
  return { provider: "postgres", adapterName, connect };
}
