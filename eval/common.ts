// Shared by the eval orchestrator (run.ts), its worker (worker.ts) and the per-set scorers (seeds.ts, newsdev.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { evalFnc1 } from "./fnc1.js";
import type { NewsdevOutcome } from "./newsdev.js";
import type { SeedsOutcome } from "./seeds.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The shared folder: GAINSAY_SHARED, else ../shared next to the repository. */
export function sharedDir(): string {
  return process.env.GAINSAY_SHARED ? path.resolve(process.env.GAINSAY_SHARED) : path.resolve(root, "../shared");
}

/**
 * The eval modes. Each runs in its own child process because the pipeline reads GAINSAY_LEXICONS when its modules
 * load. `metadata`: ingest with the publisher, date (and url when the gold has one), as a crawler would know them.
 */
export const MODES = {
  default: { label: "default", about: "publisher and date; lexicons on", metadata: true, env: { GAINSAY_LEXICONS: undefined } },
  "lexicons-off": { label: "lexicons off", about: "publisher and date; GAINSAY_LEXICONS=off", metadata: true, env: { GAINSAY_LEXICONS: "off" } },
  bare: { label: "bare text", about: "text only: no publisher, date or url; lexicons on", metadata: false, env: { GAINSAY_LEXICONS: undefined } },
} as const satisfies Record<string, { label: string; about: string; metadata: boolean; env: Record<string, string | undefined> }>;
export type Mode = keyof typeof MODES;
export const ALL_MODES = Object.keys(MODES) as Mode[];
export const isMode = (m: string): m is Mode => m in MODES;

export const SETS = ["seeds", "newsdev"] as const;
export type EvalSet = (typeof SETS)[number];
export const isSet = (s: string): s is EvalSet => (SETS as readonly string[]).includes(s);

/** A comma-separated list from the environment; `fallback` when unset or empty. */
export function envList(name: string, fallback: readonly string[]): string[] {
  const v = process.env[name]?.trim();
  return v ? v.split(",").map((x) => x.trim()).filter(Boolean) : [...fallback];
}

export type Span = [number, number];

/** Every occurrence of `quote` in `text` as [start, end) spans. */
export function occurrences(text: string, quote: string): Span[] {
  const out: Span[] = [];
  if (!quote) return out;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) out.push([at, at + quote.length]);
  return out;
}

/** Two spans overlap when they share at least half of the shorter one. */
export const overlaps = (a: Span, b: Span) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]) >= 0.5 * Math.min(a[1] - a[0], b[1] - b[0]);

/** The publisher as a crawler would know it: the gold's trailing note in parentheses ("(credited to BBC)") dropped. */
export const publisherName = (p: string | null | undefined) => p?.replace(/\s*\(.*\)\s*$/, "").trim() || undefined;

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const ratio = (n: number, d: number) => (d ? n / d : 0);

/** What a worker sends back to the orchestrator for one mode (or for the FNC-1 job). */
export type WorkerResult = {
  mode: Mode;
  job: "sets" | "fnc";
  ms: number;
  seeds?: SeedsOutcome;
  newsdev?: NewsdevOutcome;
  fnc1?: Awaited<ReturnType<typeof evalFnc1>>;
  errors: string[];
};
