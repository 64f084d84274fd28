/**
 * bench/api/answers — the answers of one server tree to a fixed set of read queries, byte for byte, to compare two
 * trees (a change to the read path must not change a byte of any answer).
 *
 *   tsx bench/api/answers.ts [root] > out.txt     # root: the tree whose server answers (default: this one)
 *   diff <(tsx bench/api/answers.ts /tmp/base) <(tsx bench/api/answers.ts)
 *
 * Seeds bench/api's synthetic corpus (2,000 statements) on a scratch PostgreSQL database, adds a few rows the seed
 * lacks (an event, revision links, a reviewed contradiction, an HTML source), starts `root`'s server as npm start
 * does, and prints each query's name and the response body exactly as received. BENCH_DB_PREFIX names the database.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ADMIN_URL, databaseUrl, runSql } from "../lib.js";
import { seed } from "./seed.js";

const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const root = path.resolve(process.argv[2] ?? here);
const dbName = `${process.env.BENCH_DB_PREFIX ?? "gainsay_"}answers_${process.pid}`;
const id = (type: string, n: number) => Buffer.from(`${type}:${n}`).toString("base64");

const FRAGMENTS = `
fragment Who on Speaker { id name kind affiliation { id name } statementCount }
fragment Said on Statement { id text start end direct cue claim polarity modality speakerRole frame confidence manual
  speaker { ...Who } source { id title url publisher author fromHtml publishedAt language createdAt statementCount } }
fragment Conflict on Contradiction { id kind confidence explanation rule detectorVersion status note reviewedAt createdAt
  sides { position label statements { ...Said } } }`;

const QUERIES: Array<[string, string, Record<string, unknown>]> = [
  ["page 5", `query($first: Int!) { contradictions(first: $first, orderBy: CONFIDENCE_DESC) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id kind confidence explanation status sides { label statements { id text start end polarity speaker { name kind affiliation { name } } source { title publishedAt } } } } } } }`, { first: 5 }],
  ["page 50 with fragments", `query($first: Int!) { contradictions(first: $first) { totalCount edges { cursor node { ...Conflict } } } } ${FRAGMENTS}`, { first: 50 }],
  ["page after a cursor, newest first", `query { a: contradictions(first: 3, orderBy: NEWEST_FIRST) { edges { cursor node { id createdAt } } pageInfo { endCursor } } }`, {}],
  ["filters", `query($s: ID!) { contradictions(first: 10, filter: { speakerId: $s, minConfidence: 0.3 }, orderBy: CONFIDENCE_ASC) { totalCount edges { node { id confidence sides { statements { speaker { id } } } } } } }`, { s: id("Speaker", 20) }],
  ["reviewed contradiction", `query($id: ID!) { contradiction(id: $id) { ...Conflict } } ${FRAGMENTS}`, { id: id("Contradiction", 7) }],
  ["statements of a speaker", `query($s: ID!) { statements(first: 50, filter: { speakerId: $s }) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id text start end polarity claim speaker { name } source { title publishedAt } conflicts { id kind confidence } } } } }`, { s: id("Speaker", 20) }],
  ["statement with links and event", `query($id: ID!) { statement(id: $id) { ...Said event { id type description date place }
    revisedBy { kind explanation from { id } to { id text } } revises { kind to { id } from { id start } } conflicts { ...Conflict } } } ${FRAGMENTS}`, { id: id("Statement", 5) }],
  ["speaker page", `query($id: ID!) { speaker(id: $id) { id name kind affiliation { name } statementCount
    statements(first: 20) { totalCount edges { node { id text start end polarity source { title publishedAt } } } }
    contradictions(first: 20) { totalCount edges { node { id kind confidence explanation sides { label statements { id text speaker { name } source { title } } } } } } } }`, { id: id("Speaker", 20) }],
  ["speaker statements after a cursor", `query($id: ID!) { speaker(id: $id) { statements(first: 5, after: "${Buffer.from("GPC:N:40").toString("base64")}") { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage } } } }`, { id: id("Speaker", 20) }],
  ["node and nodes", `query($a: ID!, $b: ID!, $c: ID!) { node(id: $a) { __typename id ... on Statement { text speaker { name } } }
    nodes(ids: [$b, $c, $a]) { __typename id ... on Contradiction { kind sides { label } } ... on Speaker { name } ... on Source { title fromHtml } } }`,
    { a: id("Statement", 9), b: id("Contradiction", 3), c: id("Source", 501) }],
  ["aliases of one relation (not planned whole)", `query { contradictions(first: 4) { edges { node { id first: sides { label } again: sides { position statements { id } } } } } }`, {}],
  ["aliased connection fields", `query { x: contradictions(first: 2) { edges { node { id } } } y: contradictions(first: 2, orderBy: OLDEST_FIRST) { edges { node { id createdAt sides { statements { source { createdAt } } } } } } }`, {}],
  ["speakers (Prisma's path)", `query { speakers(first: 5) { totalCount edges { node { ...Who statements(first: 2) { edges { node { ...Said } } } } } } } ${FRAGMENTS.replace(/fragment Conflict[^]*$/, "")}`, {}],
  ["sources", `query { sources(first: 3) { totalCount edges { node { id title publishedAt createdAt fromHtml statementCount statements(first: 2) { totalCount edges { node { id conflicts { id } } } } } } } }`, {}],
  ["typename everywhere", `query { contradictions(first: 2) { __typename edges { __typename node { __typename id sides { __typename statements { __typename id speaker { __typename } } } } } } }`, {}],
  ["fields, spreads and inline fragments mixed", `query($id: ID!) { contradiction(id: $id) { id ...on Contradiction { kind sides { label } } status ...Conflict note } } ${FRAGMENTS}`, { id: id("Contradiction", 7) }],
  ["spreads last", `query($id: ID!) { statement(id: $id) { event { id date } conflicts { id } ...Said } speaker(id: "${id("Speaker", 20)}") { name ...Who } } ${FRAGMENTS.replace(/fragment Conflict[^]*$/, "")}`, { id: id("Statement", 5) }],
  ["variables and directives", `query($first: Int!, $with: Boolean!) { contradictions(first: $first) { edges { node { id sides @include(if: $with) { label } explanation @skip(if: $with) } } } }`, { first: 3, with: true }],
  ["bad cursor", `query { contradictions(first: 2, after: "nope") { edges { node { id } } } }`, {}],
];

function start(url: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", DATABASE_URL: url, GAINSAY_API_KEYS: "", GAINSAY_SERVER_JOBS: "off", LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (!m) return;
      child.stderr!.removeAllListeners("data").resume();
      resolve({ url: m[1]!, stop: () => new Promise<void>((r) => (child.removeAllListeners("exit"), child.on("exit", () => r()), child.kill("SIGTERM"))) });
    });
  });
}

await runSql(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName}`);
await runSql(ADMIN_URL, `CREATE DATABASE ${dbName}`);
const url = databaseUrl(dbName);
try {
  const log = console.log;
  console.log = () => undefined; // the seed's line
  await seed(url, 2000);
  console.log = log;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`INSERT INTO "Event" (key, type, description, date, place) VALUES ('e1', 'strike', 'A strike', '2031-02-03 04:05:06.789', 'Port')`);
  await c.query(`UPDATE "Statement" SET "eventId" = 1, "speakerRole" = NULL, frame = '{"eventType":"strike","quantities":[{"n":3}]}' WHERE id IN (5, 9, 80)`);
  await c.query(`INSERT INTO "StatementLink" (kind, "fromId", "toId", explanation) VALUES ('REVISION', 5, 9, 'rose'), ('RESTATEMENT', 5, 13, 'same'), ('REVISION', 2, 5, 'rose again')`);
  await c.query(`UPDATE "Contradiction" SET status = 'CONFIRMED', note = 'checked', "reviewedAt" = '2031-03-04 05:06:07.008' WHERE id = 7`);
  await c.query(`INSERT INTO "Source" ("contentHash", title, text, "htmlExtractor", "createdAt") VALUES ('html1', NULL, 'x', 'readability', '2031-05-06 07:08:09.010')`);
  // Fixed creation times, so two runs answer alike.
  for (const t of ["Source", "Speaker", "Statement", "Contradiction", "Event", "StatementLink"]) {
    await c.query(`UPDATE "${t}" SET "createdAt" = timestamp '2031-06-01 00:00:00.123' + id * interval '1 minute 7.001 seconds'`);
  }
  await c.end();
  const server = await start(url);
  try {
    for (const [name, query, variables] of QUERIES) {
      const r = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      process.stdout.write(`## ${name} (${r.status})\n${await r.text()}\n`);
    }
  } finally {
    await server.stop();
  }
} finally {
  await runSql(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
