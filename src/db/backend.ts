/** Which database a Prisma client talks to, recorded by whoever opened it (db/client.ts, db/thread-client.ts). */
export type Backend = "pglite" | "postgres";

const backends = new WeakMap<object, Backend>();

/** Which database a client talks to (PGlite for one nobody recorded). */
export function backendOf(prisma: object): Backend {
  return backends.get(prisma) ?? "pglite";
}

export function recordBackend(prisma: object, backend: Backend): void {
  backends.set(prisma, backend);
}
