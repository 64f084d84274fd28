import type pg from "pg";
import type { PoolClient } from "pg";

/**
 * graphile-worker has no heartbeat: a job whose runner died (SIGKILL, out of memory, a lost machine) stays locked for
 * four hours before another runner may take it. What it offers instead is `force_unlock_workers(ids)` for runners
 * known to be dead. A runner is known alive here by its LISTEN connection, which it holds for as long as it runs:
 * that connection is named `gainsay-runner:<pool id>` (the id graphile-worker locks jobs with), and a job locked by a
 * pool with no such connection in pg_stat_activity, for longer than LOCK_GRACE_SECONDS, belonged to a dead runner.
 */
export const RUNNER_APP_PREFIX = "gainsay-runner:";

/** How long a job stays locked before a runner without a connection counts as dead (covers a LISTEN reconnect). */
export const LOCK_GRACE_SECONDS = 30;

/**
 * Names the runner's LISTEN connection after its pool, from graphile-worker's `pool:listen:success` event. The
 * event fires just before graphile-worker sends its LISTEN on the client, and a second query sent meanwhile would
 * be queued behind it (deprecated in pg), so the name rides along with that LISTEN, in the same simple query.
 */
export function nameListenConnection(client: PoolClient, poolId: string): void {
  if (!/^[\w-]{1,40}$/.test(poolId)) return;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const restore = () => void ((client as { query: unknown }).query = query);
  (client as { query: unknown }).query = (...args: unknown[]) => {
    restore();
    if (args.length !== 1 || typeof args[0] !== "string") return query(...args);
    return query(`SELECT set_config('application_name', '${RUNNER_APP_PREFIX}${poolId}', false); ${args[0]}`);
  };
  setImmediate(restore); // graphile-worker sent something else, or nothing: leave the client as it was
}

/** Unlocks the jobs of runners that are gone; returns how many jobs it unlocked. */
export async function unlockDeadRunners(pool: pg.Pool, graceSeconds = LOCK_GRACE_SECONDS): Promise<number> {
  const r = await pool.query<{ runners: string[] | null; jobs: string }>(
    `SELECT array_agg(DISTINCT locked_by) AS runners, count(*) AS jobs FROM graphile_worker._private_jobs j
      WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)
        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name = $2 || j.locked_by)`,
    [graceSeconds, RUNNER_APP_PREFIX],
  );
  const runners = r.rows[0]?.runners ?? [];
  if (runners.length === 0) return 0;
  await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [runners]);
  return Number(r.rows[0]!.jobs);
}
