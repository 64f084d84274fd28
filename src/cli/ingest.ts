// npm run ingest -- <files or folders>: sends text files to the running server (GAINSAY_URL) one by one,
// with progress (a bar on a terminal, plain lines elsewhere) and a summary. The server owns the database; this never opens it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const url = process.env.GAINSAY_URL ?? "http://localhost:4000/graphql";
const key = process.env.GAINSAY_API_KEY;
const args = process.argv.slice(2);
if (args.length === 0 || args.includes("--help")) {
  console.error("usage: npm run ingest -- <file.txt|folder> [...]\n  env: GAINSAY_URL (default http://localhost:4000/graphql), GAINSAY_API_KEY");
  process.exit(args.length === 0 ? 2 : 0);
}

function collect(p: string): string[] {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) throw new Error(`no such file or folder: ${p}`);
  if (st.isDirectory()) return readdirSync(p).sort().flatMap((f) => collect(path.join(p, f)));
  return /\.(txt|md|text)$/i.test(p) ? [p] : [];
}

const MUTATION = `mutation Ingest($input: IngestSourceInput!) {
  ingestSource(input: $input) { created source { id title } statements { id } contradictions { id } errors { message } }
}`;

type Result = { data?: { ingestSource: { created: boolean; source: { id: string; title: string | null }; statements: unknown[]; contradictions: unknown[] } }; errors?: Array<{ message: string }> };

// On a terminal, one bar redrawn in place; anywhere else (CI logs, a pipe, a file) one plain line per file, so the
// progress is readable after the fact. Both on stderr; the summary goes to stdout.
const tty = !!process.stderr.isTTY;

function bar(done: number, total: number, label: string) {
  if (!tty) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`);
}

function line(done: number, total: number, file: string, outcome: string) {
  if (tty) return;
  process.stderr.write(`ingest [${done}/${total}] ${file}: ${outcome}\n`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

let files: string[];
try {
  files = args.flatMap(collect);
} catch (e) {
  console.error(`ingest: ${(e as Error).message}`);
  process.exit(2);
}
if (files.length === 0) {
  console.error("ingest: no .txt files found");
  process.exit(2);
}

const summary = { sources: 0, existing: 0, statements: 0, contradictions: new Set<string>(), failures: [] as Array<{ file: string; reason: string }> };
if (!tty) process.stderr.write(`ingest: ${plural(files.length, "file")} to ${url}\n`);
for (const [i, file] of files.entries()) {
  bar(i, files.length, path.basename(file));
  const started = Date.now();
  try {
    const text = readFileSync(file, "utf8");
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: MUTATION, variables: { input: { text } } }),
    });
    const json = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as Result;
    if (json.errors?.length || !json.data) throw new Error(json.errors?.map((e) => e.message).join("; ") ?? `HTTP ${res.status}`);
    const r = json.data.ingestSource;
    if (r.created) summary.sources++;
    else summary.existing++;
    summary.statements += r.statements.length;
    for (const c of r.contradictions as Array<{ id: string }>) summary.contradictions.add(c.id);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    line(i + 1, files.length, file, `${r.created ? "new source" : "already stored"}, ${plural(r.statements.length, "statement")}, ${plural(r.contradictions.length, "contradiction")} (${secs} s)`);
  } catch (e) {
    const reason = (e as Error).cause ? `${(e as Error).message}: ${String(((e as Error).cause as Error).message ?? (e as Error).cause)}` : (e as Error).message;
    summary.failures.push({ file, reason });
    line(i + 1, files.length, file, `FAILED: ${reason}`);
  }
}
bar(files.length, files.length, "done");
if (tty) process.stderr.write("\n");
console.log(`files: ${files.length}  new sources: ${summary.sources}  already stored: ${summary.existing}  statements: ${summary.statements}  contradictions touched: ${summary.contradictions.size}  failures: ${summary.failures.length}`);
for (const f of summary.failures) console.log(`  FAILED ${f.file}: ${f.reason}`);
process.exit(summary.failures.length ? 1 : 0);
