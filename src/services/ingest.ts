import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import type { PrismaClient, Prisma } from "../generated/prisma/client.js";
import type { runPipeline as RunPipeline } from "../ingest/pipeline.js";
import type { PipelineResult } from "../ingest/types.js";
import type { Events } from "../events/bus.js";
import type { RefreshResult } from "./contradictions.js";
import { afterCommit, enqueueAnalysis, type JobOptions, type JobRef } from "./jobs.js";
import { backendOf } from "../db/client.js";
import { InputError } from "./errors.js";
import { mergedNames, mergeSpeakerRows } from "./speakers.js";
import { withWriteLock } from "./store-lock.js";
import { removePendingSources } from "../db/pending.js";
import { appMetrics, timed } from "./metrics.js";
import { fetchPage } from "./fetch-page.js";
import { articleTextProblem, malformedUnicode, plainTextProblem } from "./text.js";

export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** The largest web page accepted (`html`); its extracted text is then held to MAX_TEXT_BYTES. */
export const MAX_HTML_BYTES = 4 * 1024 * 1024;
/** Statements inserted per query (see insertStatements). */
const INSERT_CHUNK = 1000;
/**
 * PGlite: statements per transaction of a store (storeInChunks). PGlite answers nothing else while a transaction
 * holds its connection: 250 statements take 0.1–0.3 s there (2 MB bench, load 5: /health p50 104 ms, p95 245 ms
 * during the store; 500 gave 214 / 508 ms, for the same store time within the noise).
 */
export const STORE_CHUNK = 250;
/** PGlite: new speakers, and events, per transaction of a chunked store (~1 ms a speaker, ~40 ms an event there). */
const SPEAKER_CHUNK = 250;
const EVENT_CHUNK = 8;
/**
 * PGlite: turns of the event loop a chunked store leaves before each of its transactions. A read arriving on a new
 * connection needs several before its query is queued (accept, read, the request's own callbacks, Prisma's
 * dispatch); two left one waiting behind the next transaction in the bench, eight let it in first. A turn with
 * nothing to do costs microseconds.
 */
const READ_TURNS = 8;

/** The Statement columns persist writes, in the order of INSERT_STATEMENTS's arrays. */
const STATEMENT_COLUMNS = ["sourceId", "speakerId", "eventId", "start", "end", "text", "cue", "direct", "speakerRole", "claim", "polarity", "modality", "frame", "propKey", "confidence"] as const;
/**
 * Inserts the rows given as one array per column; returns them in that order (WITH ORDINALITY). Into the table, not
 * the "Statement" view: the rows of a source still pending are hidden by the view. The enums travel as
 * text[]: PGlite serialises a parameter by the types it knew at start-up, and a database migrated since (memory://)
 * has enum array types it does not know.
 */
const INSERT_STATEMENTS = `INSERT INTO "StatementRow" (${STATEMENT_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${STATEMENT_COLUMNS.map((c) => (c === "polarity" ? `u."${c}"::"Polarity"` : c === "modality" ? `u."${c}"::"Modality"` : `u."${c}"`)).join(", ")}
  FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::bool[], $9::text[], $10::text[],
    $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::float8[])
    WITH ORDINALITY AS u(${STATEMENT_COLUMNS.map((c) => `"${c}"`).join(", ")}, n)
  ORDER BY u.n
  RETURNING "id", "propKey"`;

// The extraction pipeline (wink-nlp's English model, compromise's lexicon: about 70 MB resident) is loaded on the
// first ingest, not at start-up, so an idle server stays small.
let pipeline: Promise<typeof RunPipeline> | undefined;
export const loadPipeline = () => (pipeline ??= import("../ingest/pipeline.js").then((m) => m.runPipeline));

// The HTML extraction (linkedom and Readability) is loaded by the first page, not at start-up.
let html: Promise<typeof import("./html.js")> | undefined;
const loadHtml = () => (html ??= import("./html.js"));

/** Exactly one of `text` (plain text) and `html` (a web page: its article text and metadata are extracted). */
export type IngestInput = {
  text?: string | null;
  html?: string | null;
  /** Where `html` was fetched from (ingestUrl): resolves the page's relative links, and is the URL when it names none. */
  baseUrl?: string | null;
  /** The address ingestUrl was asked for (recorded so that a feed run finds the page by its link). */
  fetchedUrl?: string | null;
  title?: string | null;
  author?: string | null;
  url?: string | null;
  publisher?: string | null;
  publishedAt?: string | Date | null;
  language?: string | null;
};

export type ValidIngest = {
  text: string;
  /** The page the text was extracted from (ingest from HTML), and the extractor that did it. */
  html?: string;
  htmlExtractor?: string;
  fetchedUrl?: string;
  title?: string;
  author?: string;
  url?: string;
  publisher?: string;
  publishedAt?: Date;
  language?: string;
};

export type IngestResult = {
  sourceId: number;
  created: boolean;
  statementIds: number[];
  contradictionIds: number[];
};

type PageExtractor = typeof import("./html.js");

/** Checks an ingest request, extracting a page's text and metadata when `html` is given (see validateIngest). */
export async function readIngest(input: IngestInput): Promise<ValidIngest> {
  return validateIngest(input, input.html != null ? await loadHtml() : undefined);
}

/**
 * Checks an ingest request; throws InputError naming the field. Pure. With `html`, `extractor` (html.ts) takes the
 * article's text and the page's metadata; the fields given with the request win over what the page says.
 */
export function validateIngest(input: IngestInput, extractor?: PageExtractor): ValidIngest {
  const hasText = input.text !== undefined && input.text !== null;
  const hasHtml = input.html !== undefined && input.html !== null;
  if (hasText && hasHtml) throw new InputError("give either text or html, not both", "html");
  if (!hasText && !hasHtml) throw new InputError("text or html is required", "text");
  let text: string;
  let page: import("./html.js").ExtractedPage | undefined;
  if (hasHtml) {
    const html = input.html!;
    if (typeof html !== "string" || html.trim().length === 0) throw new InputError("html must not be empty", "html");
    if (Buffer.byteLength(html, "utf8") > MAX_HTML_BYTES) throw new InputError(`html is larger than ${MAX_HTML_BYTES / 1024 / 1024} MB`, "html");
    const p = malformedUnicode(html);
    if (p) throw new InputError(`html ${p}`, "html");
    if (!extractor) throw new Error("services/ingest: validateIngest needs the page extractor for html (use readIngest)");
    page = extractor.extractPage(html, input.url?.trim() || input.baseUrl || undefined);
    text = page.text;
    if (!text.trim() || articleTextProblem(text)) throw new InputError("html has no article text (no paragraphs of prose were found in the page)", "html");
    if (Buffer.byteLength(text, "utf8") > MAX_TEXT_BYTES) throw new InputError(`the text extracted from html is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB`, "html");
  } else {
    text = input.text!;
    if (typeof text !== "string" || text.trim().length === 0) throw new InputError("text must not be empty", "text");
    if (Buffer.byteLength(text, "utf8") > MAX_TEXT_BYTES) throw new InputError(`text is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB`, "text");
    const textProblem = articleTextProblem(text);
    if (textProblem) throw new InputError(`text ${textProblem}`, "text");
  }
  const out: ValidIngest = { text };
  if (page) {
    out.html = input.html!;
    out.htmlExtractor = extractor!.HTML_EXTRACTOR;
    if (input.fetchedUrl) out.fetchedUrl = input.fetchedUrl;
    // What the page says fills what the request leaves out; a value the page gets wrong (a bad date) is dropped.
    const m = page.meta;
    const fill = <K extends "title" | "author" | "publisher" | "url" | "language">(k: K, v: string | undefined) => {
      if (v && (input[k] === undefined || input[k] === null || input[k] === "") && !plainTextProblem(v)) (input as Record<string, unknown>)[k] = v;
    };
    input = { ...input };
    fill("title", m.title?.slice(0, 1000));
    fill("author", m.author?.slice(0, 300));
    fill("publisher", m.publisher);
    fill("url", m.url);
    fill("url", input.baseUrl ?? undefined);
    if (m.language && /^[a-z]{2,3}$/.test(m.language)) fill("language", m.language);
    if ((input.publishedAt === undefined || input.publishedAt === null || input.publishedAt === "") && m.publishedAt) {
      const d = parseIsoDate(m.publishedAt) ?? new Date(m.publishedAt);
      if (!Number.isNaN(d.getTime())) input.publishedAt = d;
    }
  }
  const title = input.title?.trim();
  if (title) {
    if (title.length > 1000) throw new InputError("title is longer than 1000 characters", "title");
    const p = plainTextProblem(title);
    if (p) throw new InputError(`title ${p}`, "title");
    out.title = title;
  }
  const url = input.url?.trim();
  if (url) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new InputError(`url "${url.slice(0, 100)}" is not a valid URL`, "url");
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new InputError("url must be http or https", "url");
    out.url = u.toString();
  }
  const author = input.author?.trim();
  if (author) {
    const p = plainTextProblem(author);
    if (p) throw new InputError(`author ${p}`, "author");
    out.author = author.slice(0, 300);
  }
  const publisher = input.publisher?.trim();
  if (publisher) {
    const p = plainTextProblem(publisher);
    if (p) throw new InputError(`publisher ${p}`, "publisher");
    out.publisher = publisher.slice(0, 300);
  }
  if (input.publishedAt !== undefined && input.publishedAt !== null && input.publishedAt !== "") {
    const d = input.publishedAt instanceof Date ? input.publishedAt : parseIsoDate(input.publishedAt.trim());
    if (!d || Number.isNaN(d.getTime())) throw new InputError(`publishedAt "${String(input.publishedAt)}" is not a valid date (use YYYY-MM-DD or ISO 8601)`, "publishedAt");
    out.publishedAt = d;
  }
  const language = input.language?.trim();
  if (language) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) throw new InputError(`language "${language}" is not a BCP 47 tag such as "en"`, "language");
    out.language = language;
  }
  return out;
}

export type IngestUrlInput = { url: string; title?: string | null; publisher?: string | null; publishedAt?: string | Date | null };

/**
 * Fetches a page (services/fetch-page.ts: timeouts, size and redirect caps, HTML only, no private addresses unless
 * allowed) and ingests it as `html`: the page's canonical URL (else the address fetched, after redirects) becomes the
 * source's URL. The same page again gives the stored source (`created: false`).
 */
export async function ingestUrl(prisma: PrismaClient, events: Events, input: IngestUrlInput, jobs: JobOptions = {}): Promise<IngestResult> {
  let page: Awaited<ReturnType<typeof fetchPage>>;
  try {
    page = await timed("fetch", () => fetchPage(input.url, { ...jobs.fetch, accept: "html", field: "url" }));
  } catch (e) {
    // The code leads the message: a queued URL's failure is recorded as its message only.
    if (e instanceof InputError && e.code !== "BAD_USER_INPUT" && !e.message.startsWith(e.code)) e.message = `${e.code}: ${e.message}`;
    throw e;
  }
  return ingestSource(prisma, events, { html: page.body, baseUrl: page.url, fetchedUrl: new URL(input.url.trim()).href, title: input.title, publisher: input.publisher, publishedAt: input.publishedAt }, jobs);
}

/** A page as stored (Source.originalHtml): Brotli, text mode. */
export function compressHtml(html: string): Uint8Array<ArrayBuffer> {
  const buf = brotliCompressSync(Buffer.from(html, "utf8"), { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 9 } });
  return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) as Uint8Array<ArrayBuffer>;
}

/** Parses YYYY-MM-DD or an ISO 8601 date-time; undefined for anything else, including roll-overs like 2024-02-31. */
export function parseIsoDate(v: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || (v.length === 10 && d.toISOString().slice(0, 10) !== v)) return undefined;
  return d;
}

/** The content hash: text with line endings unified and outer whitespace trimmed. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n").trim(), "utf8").digest("hex");
}

/**
 * Stores a source, its statements and speakers, then refreshes the contradictions its statements take part in.
 * Re-ingesting the same text returns the existing source and creates nothing.
 */
export async function ingestSource(prisma: PrismaClient, events: Events, input: IngestInput, jobs: JobOptions = {}): Promise<IngestResult> {
  const started = performance.now();
  try {
    const r = await ingestOnce(prisma, events, input, jobs);
    const m = appMetrics();
    m?.ingests.inc({ outcome: r.created ? "created" : "existing" });
    if (r.created) {
      m?.ingestDuration.observe((performance.now() - started) / 1000);
      m?.statements.inc(r.statementIds.length);
    }
    return r;
  } catch (e) {
    appMetrics()?.ingests.inc({ outcome: "failed" });
    throw e;
  }
}

async function ingestOnce(prisma: PrismaClient, events: Events, input: IngestInput, jobs: JobOptions): Promise<IngestResult> {
  const valid = input.html != null ? await timed("html", () => readIngest(input)) : await readIngest(input);
  const hash = contentHash(valid.text);
  const existing = await prisma.source.findUnique({ where: { contentHash: hash }, select: { id: true } });
  if (existing) {
    // The same page fetched from another address (a feed's link): remember the address, for the next feed run.
    if (valid.fetchedUrl) await prisma.source.updateMany({ where: { id: existing.id, fetchedUrl: null, NOT: { url: valid.fetchedUrl } }, data: { fetchedUrl: valid.fetchedUrl } });
    return existingResult(prisma, existing.id);
  }

  const extract = jobs.pipeline ?? (async (i: Parameters<typeof RunPipeline>[0]) => (await loadPipeline())(i));
  const result = await timed("extract", () => extract({
    text: valid.text,
    title: valid.title,
    publisher: valid.publisher,
    ...(valid.url ? { url: valid.url } : {}),
    publishedAt: valid.publishedAt?.toISOString().slice(0, 10),
    language: valid.language,
  }));

  // PGlite holds its one connection for a transaction's whole length, so a large source is stored in several short
  // ones and reads get the connection between them; PostgreSQL stores it in one (its readers never wait on a writer).
  const chunk = backendOf(prisma) === "pglite" ? (jobs.storeChunk ?? STORE_CHUNK) : 0;
  let stored: Stored | undefined;
  // Concurrent ingests can race to create the same source, speaker or event. The loser's transaction rolls back on
  // the unique key; if the source itself now exists, theirs wins; otherwise the transaction runs again and finds the
  // winner's speaker or event. Nothing partial is ever kept.
  for (let attempt = 1; !stored; attempt++) {
    try {
      stored = await timed("store", () => withWriteLock(prisma, () => (chunk > 0 ? storeInChunks(prisma, valid, hash, result, chunk, jobs) : storeAtOnce(prisma, valid, hash, result, jobs))));
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002") throw e;
      const again = await prisma.source.findUnique({ where: { contentHash: hash }, select: { id: true } });
      if (again) return existingResult(prisma, again.id);
      if (attempt >= 5) throw e;
    }
  }
  const job = stored.job;
  const refreshed: RefreshResult = await timed("refresh", () => afterCommit(prisma, events, job, jobs));
  return { sourceId: stored.sourceId, created: true, statementIds: stored.statementIds, contradictionIds: refreshed.contradictionIds };
}

type Stored = { sourceId: number; statementIds: number[]; job: JobRef };
const TX = { timeout: 60_000, maxWait: 30_000 };

/** The whole source in one transaction, with its analysis job (PostgreSQL; PGlite with storeChunk 0). */
function storeAtOnce(prisma: PrismaClient, valid: ValidIngest, hash: string, result: PipelineResult, jobs: JobOptions): Promise<Stored> {
  return prisma.$transaction(async (tx) => {
    const sourceId = await createSource(tx, valid, hash, result);
    const speakers = await upsertSpeakers(tx, result);
    const events = await upsertEvents(tx, result.events, false);
    const created = await insertStatements(tx, statementRows(result, sourceId, speakers.ids, events.ids));
    const moved = await speakers.finish(tx);
    // The contradiction refresh is recorded with the source, in its transaction: a crash after the commit loses nothing.
    return { sourceId, statementIds: created.map((c) => c.id), job: await enqueueAnalysis(tx, backendOf(prisma), "ingest", refreshKeys(created, moved), jobs.graceSeconds) };
  }, TX);
}

/**
 * The source in short transactions (PGlite), each letting the connection go to the reads waiting for it: first the
 * source row, marked pending (a "PendingSource" row: the "Source" and "Statement" views leave it and its statements
 * out, migration 20261206120000_pending_sources); then the new speakers (SPEAKER_CHUNK a transaction) and events
 * (EVENT_CHUNK), each batch noted on the mark; then `chunk` statements a transaction; last, in one short
 * transaction, the changes to speakers stored before (aliases, roles, affiliations, merges, held back until now so
 * that a source that never appears changed nothing), the mark's removal and the analysis job: the source becomes
 * visible together with its job. A failure removes what was stored (the new speakers and events with it); a crash
 * leaves the mark, and the next start-up removes the rest (db/pending.ts). Runs under the write lock
 * (store-lock.ts): no other write comes between its transactions. The longest transaction left is the first at
 * 2 MB: the row's generated full-text vector (bench/ingest/HEALTH.md).
 */
async function storeInChunks(prisma: PrismaClient, valid: ValidIngest, hash: string, result: PipelineResult, chunk: number, jobs: JobOptions): Promise<Stored> {
  // Each transaction leaves the event loop a few turns first (READ_TURNS). PGlite runs a query synchronously and
  // resolves it as a promise, so back-to-back transactions would never leave the loop: a request that came in
  // (/health, a read) could not even start until the store ended. In those turns it starts and queues its query on
  // PGlite ahead of the store's next transaction.
  const transaction = async <T>(write: (tx: Prisma.TransactionClient) => Promise<T>) => {
    for (let turn = 0; turn < READ_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
    return prisma.$transaction(write, TX);
  };
  const sourceId = await transaction(async (tx) => {
    const id = await createSource(tx, valid, hash, result);
    await tx.$executeRaw`INSERT INTO "PendingSource" ("sourceId") VALUES (${id})`;
    return id;
  });
  try {
    // The new speakers and events, a few hundred a transaction, each batch noted on the pending mark in its own
    // transaction (a crash's clean-up removes them). The write lock keeps other writers off, so the speakers read
    // outside a transaction stay as read.
    const speakers = await upsertSpeakers(prisma, result, async (rows) => {
      const made: Array<{ id: number; key: string }> = [];
      for (let i = 0; i < rows.length; i += SPEAKER_CHUNK) {
        made.push(...(await transaction(async (tx) => {
          const batch = await tx.speaker.createManyAndReturn({ data: rows.slice(i, i + SPEAKER_CHUNK), select: { id: true, key: true } });
          await tx.$executeRaw`UPDATE "PendingSource" SET "speakerIds" = "speakerIds" || ${batch.map((b) => b.id)}::int[] WHERE "sourceId" = ${sourceId}`;
          return batch;
        })));
      }
      return made;
    });
    const eventIds = new Map<string, number>();
    for (let i = 0; i < result.events.length; i += EVENT_CHUNK) {
      await transaction(async (tx) => {
        const events = await upsertEvents(tx, result.events.slice(i, i + EVENT_CHUNK), true);
        for (const [k, id] of events.ids) eventIds.set(k, id);
        await tx.$executeRaw`UPDATE "PendingSource" SET "eventIds" = "eventIds" || ${events.created}::int[] WHERE "sourceId" = ${sourceId}`;
      });
    }
    const rows = statementRows(result, sourceId, speakers.ids, eventIds);
    const created: Array<{ id: number; propKey: string }> = [];
    for (let i = 0; i < rows.length; i += chunk) {
      await jobs.onStoreChunk?.(sourceId, i, rows.length);
      created.push(...(await transaction((tx) => insertStatements(tx, rows.slice(i, i + chunk)))));
      if (jobs.crashMidStore) process.kill(process.pid, "SIGKILL");
    }
    await jobs.onStoreChunk?.(sourceId, rows.length, rows.length);
    return await transaction(async (tx) => {
      const moved = await speakers.finish(tx);
      const shown = await tx.$executeRaw`DELETE FROM "PendingSource" WHERE "sourceId" = ${sourceId}`;
      if (shown !== 1) throw new Error(`services/ingest: source ${sourceId} is no longer pending (removed while it was being stored)`);
      return { sourceId, statementIds: created.map((c) => c.id), job: await enqueueAnalysis(tx, backendOf(prisma), "ingest", refreshKeys(created, moved), jobs.graceSeconds) };
    });
  } catch (e) {
    await transaction((tx) => removePendingSources({ query: (sql, params) => tx.$queryRawUnsafe(sql, ...params) }, [sourceId])).catch(() => undefined);
    throw e;
  }
}

/** The keys to refresh: the new statements', and those of the statements a speaker merge moved. */
const refreshKeys = (created: Array<{ propKey: string }>, moved: string[]) => [...new Set([...created.map((c) => c.propKey), ...moved].filter(Boolean))];

async function existingResult(prisma: PrismaClient, sourceId: number): Promise<IngestResult> {
  const statements = await prisma.statement.findMany({ where: { sourceId }, select: { id: true }, orderBy: { start: "asc" } });
  return { sourceId, created: false, statementIds: statements.map((s) => s.id), contradictionIds: [] };
}

/** Inserts the source row; returns its id. (Through the Source view: a duplicate content hash is Prisma's P2002.) */
async function createSource(tx: Prisma.TransactionClient, input: ValidIngest, hash: string, result: PipelineResult): Promise<number> {
  const source = await tx.source.create({
    data: {
      contentHash: hash,
      text: input.text,
      title: input.title ?? result.meta.title ?? null,
      url: input.url ?? null,
      publisher: input.publisher ?? null,
      author: input.author ?? null,
      ...(input.html ? { originalHtml: compressHtml(input.html), htmlExtractor: input.htmlExtractor ?? null } : {}),
      ...(input.fetchedUrl && input.fetchedUrl !== input.url ? { fetchedUrl: input.fetchedUrl } : {}),
      publishedAt: input.publishedAt ?? (result.meta.publishedAt ? new Date(result.meta.publishedAt) : null),
      language: input.language ?? result.meta.language,
    },
    select: { id: true },
  });
  return source.id;
}

/** Finds or creates the text's events; key → id, and (with `track`) the ids of those it created. */
async function upsertEvents(tx: Prisma.TransactionClient, events: PipelineResult["events"], track: boolean): Promise<{ ids: Map<string, number>; created: number[] }> {
  const before = track && events.length ? new Set((await tx.event.findMany({ where: { key: { in: events.map((e) => e.key) } }, select: { key: true } })).map((e) => e.key)) : undefined;
  const ids = new Map<string, number>();
  const created: number[] = [];
  for (const ev of events) {
    const row = await tx.event.upsert({
      where: { key: ev.key },
      create: { key: ev.key, type: ev.type, description: ev.description, date: ev.date ? new Date(ev.date) : null, place: ev.place ?? null },
      update: {},
      select: { id: true },
    });
    ids.set(ev.key, row.id);
    if (before && !before.has(ev.key)) created.push(row.id);
  }
  return { ids, created };
}

type StatementRowInput = Record<(typeof STATEMENT_COLUMNS)[number], unknown>;

function statementRows(result: PipelineResult, sourceId: number, speakerIds: Map<string, number>, eventIds: Map<string, number>): StatementRowInput[] {
  return result.statements.map((s) => ({
    sourceId,
    speakerId: speakerIds.get(s.speakerKey)!,
    eventId: s.eventKey ? (eventIds.get(s.eventKey) ?? null) : null,
    start: s.start,
    end: s.end,
    text: s.text,
    cue: s.cue,
    direct: s.direct,
    speakerRole: s.speakerRole ?? null,
    claim: s.claim,
    polarity: s.polarity,
    modality: s.modality,
    frame: JSON.stringify(s.frame),
    propKey: s.propKey,
    confidence: s.confidence,
  }));
}

/**
 * One INSERT … SELECT FROM unnest(column arrays) per INSERT_CHUNK statements: a fixed 15 parameters whatever the
 * chunk's size, instead of Prisma's createManyAndReturn (15 parameters a row, each mapped by its query compiler),
 * which took twice as long: 300 KB (3,552 statements) went from ~5.8 s to ~2.7 s on PGlite. In chunks, so that one
 * query's arrays stay bounded. Returns the rows' ids and keys, in order.
 */
async function insertStatements(tx: Prisma.TransactionClient, rows: StatementRowInput[]): Promise<Array<{ id: number; propKey: string }>> {
  const created: Array<{ id: number; propKey: string }> = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    created.push(...(await tx.$queryRawUnsafe<Array<{ id: number; propKey: string }>>(INSERT_STATEMENTS, ...STATEMENT_COLUMNS.map((c) => chunk.map((r) => r[c])))));
  }
  return created;
}

/** A write to a speaker stored before this text, held back to the end of the store (see upsertSpeakers). */
type SpeakerWrite = (tx: Prisma.TransactionClient, moved: string[]) => Promise<unknown>;

/**
 * Creates the text's new canonical speakers (aliases are merged; `create` inserts them); returns key → id and `finish`, which
 * makes the changes to speakers stored before (aliases and roles, an acronym's speaker renamed or merged into its
 * full name, affiliations) and returns the keys of the statements a merge moved. The store calls `finish` in its last
 * transaction, so a chunked store that never completes changed no speaker it did not create. The statements take
 * their speakers' ids from `ids`, which already point past every merge, so no change `finish` makes concerns them.
 */
async function upsertSpeakers(
  tx: Prisma.TransactionClient,
  result: PipelineResult,
  create: (rows: Prisma.SpeakerCreateManyInput[]) => Promise<Array<{ id: number; key: string }>> = (rows) => tx.speaker.createManyAndReturn({ data: rows, select: { id: true, key: true } }),
): Promise<{ ids: Map<string, number>; finish(tx: Prisma.TransactionClient): Promise<string[]> }> {
  const later: SpeakerWrite[] = [];
  // A speaker is found by its key, by a key merged into it, or by an alternative key (an acronym ↔ its expansion).
  const keys = [...new Set(result.speakers.flatMap((s) => [s.key, ...(s.altKeys ?? [])]))];
  const existing = await tx.speaker.findMany({
    where: { OR: [{ key: { in: keys } }, { formerKeys: { hasSome: keys } }] },
    select: { id: true, key: true, name: true, formerKeys: true, aliases: true, role: true },
  });
  // Keys to the speakers holding them. A key a speaker was merged from may be held by two (the initials of two
  // names: "EC" of an election commission and of a European one): such a key finds neither.
  const holders = new Map<string, typeof existing>();
  for (const s of existing) for (const k of new Set([s.key, ...s.formerKeys])) holders.set(k, [...(holders.get(k) ?? []), s]);
  const byKey = (k: string) => {
    const hs = holders.get(k) ?? [];
    return hs.find((s) => s.key === k) ?? (hs.length === 1 ? hs[0] : undefined);
  };
  // The rows as they stand at this point of the loop (the loop goes on changing them in memory).
  const copy = (s: (typeof existing)[number]) => ({ ...s, aliases: [...s.aliases], formerKeys: [...s.formerKeys] });
  const ids = new Map<string, number>();
  const mergedInto = new Map<number, number>();
  const fresh: Prisma.SpeakerCreateManyInput[] = [];
  for (const sp of result.speakers) {
    let found = byKey(sp.key);
    // A name whose initials are a stored speaker's own key (one known so far only by its acronym) is that speaker,
    // and it takes the full name, so the canonical speaker does not depend on which form came first. Initials held by
    // another full name are not this one's: two bodies can share initials.
    const acronym = (sp.altKeys ?? []).map((k) => holders.get(k)?.find((s) => s.key === k)).find(Boolean);
    if (found && acronym && acronym.id !== found.id) {
      // Both are stored (the acronym's speaker came first, the full name since without it): one speaker now.
      const target = copy(found);
      const gone = copy(acronym);
      later.push(async (t, moved) => moved.push(...(await mergeSpeakerRows(t, target, [gone])).propKeys));
      mergedInto.set(acronym.id, found.id);
      Object.assign(found, mergedNames(target, [gone]));
      for (const k of [acronym.key, ...acronym.formerKeys]) holders.set(k, [found]);
    }
    if (!found) {
      if (acronym) {
        const formerKeys = [...new Set([...acronym.formerKeys, acronym.key])];
        const id = acronym.id;
        later.push((t) => t.speaker.update({ where: { id }, data: { key: sp.key, name: sp.name, formerKeys } }));
        holders.set(sp.key, [acronym]);
        Object.assign(acronym, { key: sp.key, formerKeys });
        found = acronym;
      }
    }
    if (found) {
      const aliases = [...new Set([...found.aliases, ...sp.aliases])];
      if (aliases.length !== found.aliases.length || (!found.role && sp.role)) {
        const id = found.id;
        const role = found.role ?? sp.role ?? null;
        later.push((t) => t.speaker.update({ where: { id }, data: { aliases, role } }));
      }
      ids.set(sp.key, found.id);
    } else {
      fresh.push({ key: sp.key, formerKeys: (sp.altKeys ?? []).filter((k) => k !== sp.key), name: sp.name, aliases: [...new Set(sp.aliases)], kind: sp.kind, role: sp.role ?? null });
    }
  }
  // The new speakers in one insert (one query per speaker was ~4 ms each on PGlite: 2.7 s for the 676 of a 300 KB
  // article). Nothing in the loop above looks a new speaker up, so creating them after it changes nothing.
  if (fresh.length) for (const row of await create(fresh)) ids.set(row.key, row.id);
  // This text's own mention of the acronym may have found the acronym's speaker before the full name merged it.
  for (const [k, id] of ids) if (mergedInto.has(id)) ids.set(k, mergedInto.get(id)!);
  // Affiliations in one UPDATE: a speaker without one takes the first its text gives (as one updateMany per speaker
  // did, in order: the first set it, the others found it set).
  const affiliation = new Map<number, number>();
  for (const sp of result.speakers) {
    if (!sp.affiliationKey || !ids.has(sp.affiliationKey)) continue;
    const id = ids.get(sp.key)!;
    if (!affiliation.has(id)) affiliation.set(id, ids.get(sp.affiliationKey)!);
  }
  if (affiliation.size) {
    later.push((t) => t.$executeRaw`UPDATE "Speaker" AS s SET "affiliationId" = a.aff FROM unnest(${[...affiliation.keys()]}::int[], ${[...affiliation.values()]}::int[]) AS a(id, aff)
      WHERE s."id" = a.id AND s."affiliationId" IS NULL`);
  }
  return {
    ids,
    async finish(t) {
      const moved: string[] = [];
      for (const write of later) await write(t, moved);
      return moved;
    },
  };
}
