import type { ChildProcess } from "node:child_process";

/**
 * No fixed waits: a spawned server is ready when it prints its readiness line ("gainsay listening", with its URL).
 * The ceiling only stops a hung start; it is generous because a loaded machine can take minutes to create a PGlite
 * folder (TEST_SERVER_START_MS overrides it). Resolves with the URL, or with `undefined` if the process exits first.
 */
export const START_CEILING_MS = Number(process.env.TEST_SERVER_START_MS ?? 300_000);

export function readiness(child: ChildProcess, exited: Promise<unknown>): { ready: Promise<string | undefined>; log: () => string } {
  let log = "";
  const ready = new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no readiness line in ${START_CEILING_MS} ms:\n${log}`)), START_CEILING_MS);
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"msg":"gainsay listening","url":"(http:[^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  return { ready, log: () => log };
}
