import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  constructor(readonly lockPath: string, readonly pid: number) {
    super(
      `db/lock: the data folder is in use by process ${pid} (lock file ${lockPath}). ` +
        `PGlite has no cross-process locking, so only one process may open it. ` +
        `Talk to the running server over HTTP instead (e.g. npm run ingest), or stop it first.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes an exclusive lock file next to `dataDir`; a stale lock (dead pid) is taken over. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const abs = path.resolve(dataDir);
  const lockPath = `${abs}.lock`;
  mkdirSync(path.dirname(abs), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(lockPath, pid);
      if (pid === process.pid) throw new DataDirLockedError(lockPath, pid);
      rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`db/lock: could not take ${lockPath}`);
}
