import type { Plugin } from "graphql-yoga";
import type { PrismaClient } from "../generated/prisma/client.js";

export type HealthStatus = { status: "ok" | "unavailable"; database: "up" | "down"; redis: "up" | "down" | "unused" };

export type HealthDeps = { prisma: PrismaClient; redisStatus?: (timeoutMs?: number) => Promise<"up" | "down" | "unused"> };

const within = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => fallback), new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
};

/** Database and Redis reachability, each checked within `timeoutMs`. */
export async function checkHealth(deps: HealthDeps, timeoutMs = 1000): Promise<HealthStatus> {
  const [database, redis] = await Promise.all([
    within(deps.prisma.$queryRaw`SELECT 1`.then(() => "up" as const), timeoutMs, "down" as const),
    deps.redisStatus ? within(deps.redisStatus(timeoutMs), timeoutMs, "down" as const) : Promise.resolve("unused" as const),
  ]);
  return { status: database === "up" && redis !== "down" ? "ok" : "unavailable", database, redis };
}

/** GET /health: `{status, database, redis}` with 200 when everything the server uses answers, else 503. */
export function useHealth(deps: HealthDeps, path = "/health"): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      const body = await checkHealth(deps);
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: body.status === "ok" ? 200 : 503,
          headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
        }),
      );
    },
  };
}
