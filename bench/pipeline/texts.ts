// Texts for bench/pipeline. Article text is read from ../shared at run time only (never copied into the repo); the
// synthetic articles come from bench/scale/corpus.ts (templates written by the team).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { article } from "../scale/corpus.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const sharedDir = process.env.GAINSAY_SHARED ?? path.resolve(root, "../shared");
export const seedsDir = path.join(sharedDir, "seeds");
export const newsdevDir = path.join(sharedDir, "data", "newsdev");

export type TextSet = { name: string; texts: string[] };

/** UTF-8 size in KB (1 KB = 1024 bytes). */
export const kbOf = (texts: string | string[]) => (typeof texts === "string" ? [texts] : texts).reduce((s, t) => s + Buffer.byteLength(t, "utf8"), 0) / 1024;

const isFile = (p: string) => statSync(p).isFile();
const isDir = (p: string) => statSync(p).isDirectory();

/** ../shared/seeds/* (regular files, sorted), or undefined when the folder is absent or empty. */
export function seedTexts(): string[] | undefined {
  if (!existsSync(seedsDir)) return undefined;
  const files = readdirSync(seedsDir).sort().map((f) => path.join(seedsDir, f)).filter(isFile);
  return files.length ? files.map((f) => readFileSync(f, "utf8")) : undefined;
}

/** ../shared/data/newsdev/<cluster>/<n>.txt (sorted by cluster, then n), or undefined when absent or empty. */
export function newsdevTexts(): string[] | undefined {
  if (!existsSync(newsdevDir)) return undefined;
  const files: string[] = [];
  for (const cluster of readdirSync(newsdevDir).sort()) {
    const dir = path.join(newsdevDir, cluster);
    if (!isDir(dir)) continue;
    const names = readdirSync(dir).filter((f) => f.endsWith(".txt") && isFile(path.join(dir, f)));
    names.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    files.push(...names.map((f) => path.join(dir, f)));
  }
  return files.length ? files.map((f) => readFileSync(f, "utf8")) : undefined;
}

export const SYNTHETIC_COUNT = 200;
export const syntheticTexts = (n = SYNTHETIC_COUNT) => Array.from({ length: n }, (_, i) => article(i).text);

/**
 * One long article of about `targetBytes` (UTF-8), made by concatenating whole articles: the first one as it is
 * (its first line is the headline of the whole), the following ones without their headline line, separated by a
 * blank line, cycling through the newsdev articles when present (else synthetic articles, all distinct). Stops
 * before the article that would pass the target, so the result stays ≤ targetBytes (the API accepts up to 2 MB).
 */
export function longArticle(targetBytes: number): { text: string; source: string } {
  const nd = newsdevTexts();
  const source = nd ? "newsdev articles, concatenated (cycled)" : "synthetic articles (bench/scale/corpus.ts), concatenated";
  const next = nd ? (i: number) => nd[i % nd.length]! : (i: number) => article(i).text;
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; ; i++) {
    const t = i === 0 ? next(i) : next(i).split("\n").slice(1).join("\n").trim();
    if (!t) continue;
    const add = Buffer.byteLength(t, "utf8") + (i === 0 ? 0 : 2);
    if (i > 0 && bytes + add > targetBytes) break;
    parts.push(t);
    bytes += add;
    if (i > 1_000_000) break; // guard against a degenerate source
  }
  return { text: parts.join("\n\n"), source };
}
