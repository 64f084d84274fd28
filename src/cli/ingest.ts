// npm run ingest -- <files, folders or URLs>: sends articles to the running server (GAINSAY_URL) one by one, with
// progress (a bar on a terminal, plain lines elsewhere) and a summary. The server owns the database; this never opens it.
// Text files (.txt, .md) go as `text`, saved pages (.html, .htm) as `html`, http(s) URLs to ingestUrl (the server fetches).
// With --batch, the files go to the queue (ingestSources, up to 100 per batch) and the progress shown is the batches'.
// With --feed <URL or file>, an RSS, Atom, RDF or JSON feed (feedsmith) gives the pages: each item's link not yet
// stored goes to ingestUrl.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import cliProgress from "cli-progress";

const url = process.env.GAINSAY_URL ?? "http://localhost:4000/graphql";
const key = process.env.GAINSAY_API_KEY;
const argv = process.argv.slice(2);
const batchMode = argv.includes("--batch");
const feeds: string[] = [];
const args: string[] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--batch") continue;
  if (argv[i] === "--feed") {
    if (!argv[i + 1]) (console.error("ingest: --feed needs a feed URL or file"), process.exit(2));
    feeds.push(argv[++i]!);
  } else args.push(argv[i]!);
}
if ((args.length === 0 && feeds.length === 0) || args.includes("--help")) {
  console.error(
    "usage: npm run ingest -- [--batch] <file.txt|page.html|folder|https://…> [...]\n" +
      "       npm run ingest -- [--batch] --feed <feed URL or file> [...]\n" +
      "  text files (.txt, .md) are sent as text, saved pages (.html, .htm) as html; URLs are fetched by the server (ingestUrl)\n" +
      "  --batch  queue the files (ingestSources) and URLs, feed items too (ingestUrls), and follow the batches' progress\n" +
      "  --feed   read an RSS, Atom, RDF or JSON feed and ingest each item's page not stored yet\n" +
      "  env: GAINSAY_URL (default http://localhost:4000/graphql), GAINSAY_API_KEY",
  );
  process.exit(args.includes("--help") ? 0 : 2);
}

const isUrl = (a: string) => /^https?:\/\//i.test(a);
const isHtml = (f: string) => /\.x?html?$/i.test(f);

function collect(p: string): string[] {
  if (isUrl(p)) return [p];
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) throw new Error(`no such file or folder: ${p}`);
  if (st.isDirectory()) return readdirSync(p).sort().flatMap((f) => collect(path.join(p, f)));
  return /\.(txt|md|text|html?|xhtml)$/i.test(p) ? [p] : [];
}

/** A feed's item links, in feed order, without repeats. */
async function feedLinks(feed: string): Promise<string[]> {
  const { parseFeed } = await import("feedsmith");
  let xml: string;
  if (isUrl(feed)) {
    const { fetchPage } = await import("../services/fetch-page.js");
    // The operator's own command: any address it names may be fetched (the server's limits on size and time apply).
    xml = (await fetchPage(feed, { accept: "feed", allowPrivate: true, field: "feed" })).body;
  } else xml = readFileSync(feed, "utf8");
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(xml);
  } catch (e) {
    throw new Error(`${feed} is not an RSS, Atom, RDF or JSON feed: ${(e as Error).message}`);
  }
  const links: Array<string | undefined> = [];
  const f = parsed.feed as { items?: Array<Record<string, unknown>>; entries?: Array<Record<string, unknown>> };
  for (const item of f.items ?? []) {
    const guid = item.guid as { value?: string; isPermaLink?: boolean } | undefined;
    links.push((item.link as string | undefined) ?? (item.url as string | undefined) ?? (guid?.isPermaLink !== false && guid?.value && isUrl(guid.value) ? guid.value : undefined));
  }
  for (const entry of f.entries ?? []) {
    const all = (entry.links as Array<{ href?: string; rel?: string }> | undefined) ?? [];
    links.push((all.find((l) => !l.rel || l.rel === "alternate") ?? all[0])?.href);
  }
  const absolute = (l: string) => {
    try {
      return new URL(l.trim(), isUrl(feed) ? feed : undefined).href;
    } catch {
      return undefined; // a relative link in a feed file: no base to resolve it against
    }
  };
  return [...new Set(links.map((l) => (l ? absolute(l) : undefined)).filter((l): l is string => !!l && isUrl(l)))];
}

const MUTATION = `mutation Ingest($input: IngestSourceInput!) {
  ingestSource(input: $input) { created source { id title } statements { id } contradictions { id } errors { message } }
}`;
const URL_MUTATION = `mutation IngestUrl($url: String!) {
  ingestUrl(url: $url) { created source { id title } statements { id } contradictions { id } errors { message } }
}`;

type Ingested = { created: boolean; source: { id: string; title: string | null }; statements: unknown[]; contradictions: unknown[] };
type Result = { data?: { ingestSource?: Ingested; ingestUrl?: Ingested }; errors?: Array<{ message: string; extensions?: { code?: string } }> };

// On a terminal, one bar redrawn in place; anywhere else (CI logs, a pipe, a file) one plain line per file, so the
// progress is readable after the fact. Both on stderr; the summary goes to stdout.
const tty = !!process.stderr.isTTY;

// The bar is cli-progress's (stderr, redrawn in place, only on a terminal).
let progress: cliProgress.SingleBar | undefined;
function bar(done: number, total: number, label: string) {
  if (!tty) return;
  if (!progress) {
    progress = new cliProgress.SingleBar({ stream: process.stderr, format: "[{bar}] {value}/{total} {label}", barsize: 30, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.legacy);
    progress.start(total, done, { label: "" });
  }
  progress.setTotal(total);
  progress.update(done, { label: label.slice(0, 40) });
}
/** Ends the bar (its last line stays on the terminal). */
function endBar() {
  progress?.stop();
  progress = undefined;
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
if (files.length === 0 && feeds.length === 0) {
  console.error("ingest: no .txt or .html files found");
  process.exit(2);
}

async function gql<T>(query: string, variables: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as { data?: T; errors?: Array<{ message: string }> };
  if (json.errors?.length || !json.data) throw new Error(json.errors?.map((e) => e.message).join("; ") ?? `HTTP ${res.status}`);
  return json.data;
}

/**
 * --batch: queue every file (batches of at most 100 texts and about 3 MB, under the server's body limit) and every URL
 * (ingestUrls, 100 a batch: the server fetches them), then poll the batches.
 */
async function runBatch(files: string[]): Promise<number> {
  type Job = { id: string; state: string; total: number; done: number; failed: number; errors: Array<{ index: number; message: string }> };
  const chunks: string[][] = [];
  let size = 0;
  for (const f of files) {
    const bytes = isUrl(f) ? 0 : statSync(f).size;
    const last = chunks.at(-1);
    if (!last || isUrl(last[0]!) !== isUrl(f) || last.length >= 100 || size + bytes > 3 * 1024 * 1024) (chunks.push([]), (size = 0));
    chunks.at(-1)!.push(f);
    size += bytes;
  }
  const jobs: Array<{ id: string; files: string[] }> = [];
  for (const chunk of chunks) {
    try {
      const id = isUrl(chunk[0]!)
        ? (await gql<{ ingestUrls: { id: string } }>(`mutation($urls: [String!]!) { ingestUrls(urls: $urls) { id } }`, { urls: chunk })).ingestUrls.id
        : (await gql<{ ingestSources: { id: string } }>(`mutation($inputs: [IngestSourceInput!]!) { ingestSources(inputs: $inputs) { id } }`, { inputs: chunk.map((f) => (isHtml(f) ? { html: readFileSync(f, "utf8") } : { text: readFileSync(f, "utf8") })) })).ingestSources.id;
      jobs.push({ id, files: chunk });
      if (!tty) process.stderr.write(`ingest: queued ${plural(chunk.length, isUrl(chunk[0]!) ? "URL" : "file")} as batch ${id}\n`);
    } catch (e) {
      console.error(`ingest: the server refused a batch (nothing of it was queued): ${(e as Error).message}`);
      return 1;
    }
  }
  let last = "";
  for (;;) {
    const d = await gql<{ nodes: Array<Job | null> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on IngestJob { id state total done failed errors { index message } } } }`, { ids: jobs.map((j) => j.id) });
    const got = d.nodes.filter((n): n is Job => !!n);
    const done = got.reduce((s, j) => s + j.done, 0);
    const failed = got.reduce((s, j) => s + j.failed, 0);
    const line = `${done + failed}/${files.length} (${failed} failed)`;
    if (tty) bar(done + failed, files.length, `${failed} failed`);
    else if (line !== last) process.stderr.write(`ingest: ${line}\n`);
    last = line;
    if (got.length === jobs.length && got.every((j) => j.state === "DONE")) {
      endBar();
      console.log(`files: ${files.length}  batches: ${jobs.length}  stored: ${done}  failures: ${failed}`);
      for (const j of got) for (const e of j.errors) console.log(`  FAILED ${jobs.find((x) => x.id === j.id)!.files[e.index]}: ${e.message}`);
      return failed ? 1 : 0;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Feeds: their items' links join the list; a link already stored as a source's URL is skipped (not fetched again).
let skipped = 0;
for (const feed of feeds) {
  try {
    const links = await feedLinks(feed);
    let fresh = 0;
    for (const link of links) {
      const d = await gql<{ sources: { totalCount: number } }>(`query($url: String!) { sources(url: $url, first: 1) { totalCount } }`, { url: link });
      if (d.sources.totalCount > 0) skipped++;
      else if (!files.includes(link)) (files.push(link), fresh++);
    }
    process.stderr.write(`ingest: feed ${feed}: ${plural(links.length, "item")}, ${fresh} not stored yet\n`);
  } catch (e) {
    const err = e as Error & { code?: string };
    console.error(`ingest: feed ${feed}: ${err.message}`);
    process.exit(1);
  }
}

if (batchMode) {
  if (files.length === 0) {
    console.log(`articles: 0  skipped (feed items already stored): ${skipped}`);
    process.exit(0);
  }
  process.exit(await runBatch(files).catch((e: Error) => (console.error(`ingest: ${e.message}`), 1)));
}

const summary = { sources: 0, existing: 0, statements: 0, contradictions: new Set<string>(), failures: [] as Array<{ file: string; reason: string }> };
if (!tty) process.stderr.write(`ingest: ${plural(files.length, "file")} to ${url}\n`);
for (const [i, file] of files.entries()) {
  bar(i, files.length, path.basename(file));
  const started = Date.now();
  try {
    const body = isUrl(file)
      ? { query: URL_MUTATION, variables: { url: file } }
      : { query: MUTATION, variables: { input: isHtml(file) ? { html: readFileSync(file, "utf8") } : { text: readFileSync(file, "utf8") } } };
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as Result;
    if (json.errors?.length || !json.data) throw new Error(json.errors?.map((e) => (e.extensions?.code && !e.message.startsWith(e.extensions.code) ? `${e.extensions.code}: ${e.message}` : e.message)).join("; ") ?? `HTTP ${res.status}`);
    const r = (json.data.ingestSource ?? json.data.ingestUrl)!;
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
endBar();
console.log(`${files.some(isUrl) ? "articles" : "files"}: ${files.length}${feeds.length ? `  skipped (feed items already stored): ${skipped}` : ""}  new sources: ${summary.sources}  already stored: ${summary.existing}  statements: ${summary.statements}  contradictions touched: ${summary.contradictions.size}  failures: ${summary.failures.length}`);
for (const f of summary.failures) console.log(`  FAILED ${f.file}: ${f.reason}`);
process.exit(summary.failures.length ? 1 : 0);
