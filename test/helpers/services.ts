import { createConnection } from "node:net";

/** Redis for the tests: 127.0.0.1:6379 unless TEST_REDIS_URL says otherwise. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether something accepts TCP connections at the URL's host and port (within `timeoutMs`). */
export function reachable(url: string, defaultPort: number, timeoutMs = 500): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: u.hostname, port: Number(u.port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export const redisReachable = () => reachable(TEST_REDIS_URL, 6379);
