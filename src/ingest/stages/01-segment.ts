import { ABBREVIATIONS } from "../lexicon/cues.js";
import type { DocumentMeta, Segment, Segmented, Sentence } from "../types.js";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

// Lines that are page furniture rather than prose. One example per pattern.
const META_LINE: RegExp[] = [
  /^\s*date\s+\d{4}-\d{2}-\d{2}/i, //  date 2024-01-04 ×
  /^\s*tags?\s*:/i, // Tags: us | military
  /^\s*(updated|published)\b.{0,40}$/i, // Updated at 10:44 pm
  /^\s*©/, // © 2024 Thomson/Reuters
  /^\s*follow\s+\S+\s+on\s+(twitter|x)\b/i, // Follow Jane on Twitter: @jane
  /^\s*this story has been updated\b/i,
  /^\s*(mon|tues|wednes|thurs|fri|satur|sun)day,\s+\d{1,2}\s+\w+\s+\d{4}\b/i, // Thursday, 04 January 2024 09:40 AM EST
  /^\s*(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},\s+\d{4}(\s+updated:.*)?$/i, // January 4, 2020 Updated: …
  /^\s*—\s*.+\(@\w+\)/, // — Agency (@handle) April 20, 2024
];

/** A photo caption ends with a credit in parentheses: "… on Jan. 2. (Photo Agency/AP)". */
const CAPTION = /\((?:[^()]*\/[^()]*|[^()]*\bvia\s+\w+[^()]*|[^()]*\b(AP|Reuters|AFP|Getty Images)\))\)?\s*$/;

/** Finds a publication date in the first lines ("January 4, 2020", "date 2024-01-04", "04 January 2024"). */
export function findPublishedAt(lines: string[]): string | undefined {
  for (const line of lines.slice(0, 8)) {
    let m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(line);
    if (m) return `${m[1]}-${m[2]}-${m[3]}`;
    m = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2}),\s+(\d{4})\b/i.exec(line);
    if (m && line.trim().length < 80) return iso(Number(m[3]), MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()), Number(m[2]));
    m = /\b(\d{1,2})\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b/i.exec(line);
    if (m && line.trim().length < 80) return iso(Number(m[3]), MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()), Number(m[1]));
  }
  return undefined;
}

function iso(y: number, m0: number, d: number): string {
  return `${y}-${String(m0 + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Rough language guess: share of common English function words among the words. */
const EN_WORDS = new Set(["the", "of", "and", "to", "in", "a", "that", "is", "was", "said", "for", "on", "with", "by", "it", "as", "were", "not", "he", "they"]);
export function guessLanguage(text: string): string {
  const words = text.toLowerCase().match(/[a-z\u00C0-\u024F\u0400-\u04FF\u0600-\u06FF]+/g) ?? [];
  if (words.length < 3) return "und";
  let hits = 0;
  for (const w of words) if (EN_WORDS.has(w)) hits++;
  if (hits / words.length > 0.08) return "en";
  if (/[\u0600-\u06FF]/.test(text)) return "ar";
  if (/[\u0400-\u04FF]/.test(text)) return "ru";
  return "und";
}

/** Does the line ending at `end` stop mid-sentence and go straight on (a single newline) to more text? */
function wrapsOn(text: string, end: number, line: string): boolean {
  if (/[.!?:"”’)]$/.test(line) || line.length < 25 || /^\s*[*•–-]\s/.test(line)) return false;
  const next = /^\n([^\n]+)/.exec(text.slice(end, end + 400));
  if (next) return next[1]!.trim().length > 0 && !/^\s*[*•–-]\s/.test(next[1]!);
  // Across a blank line only when the next line plainly goes on with the sentence: it starts in lower case
  // ("… and have\n\nmore chances for …", a page that broke a paragraph mid-sentence).
  return /^[ \t]*\n[ \t]*\n[ \t]*\p{Ll}/u.test(text.slice(end, end + 12));
}

/** Stage 1: lines → segments (headline, meta, captions, paragraphs) → sentences. Offsets index the original text. */
export function segment(text: string, given: Partial<DocumentMeta> = {}): Segmented {
  const segments: Segment[] = [];
  const lineRe = /[^\n]+/g;
  let m: RegExpExecArray | null;
  let headlineSeen = false;
  const lines: string[] = [];
  while ((m = lineRe.exec(text))) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    lines.push(body);
    const start = m.index + lead;
    const end = start + body.length;
    let kind: Segment["kind"];
    if (META_LINE.some((r) => r.test(body))) kind = /^\s*(january|february|march|april|may|june|july|august|september|october|november|december|\w+day,)/i.test(body) ? "DATELINE" : "META";
    else if (!headlineSeen) {
      kind = "HEADLINE";
      headlineSeen = true;
    } else if (CAPTION.test(body)) kind = "CAPTION";
    else if (wrapsOn(text, end, body)) kind = "PARAGRAPH";
    else if (!/[.!?:"”’)]$/.test(body) && body.split(/\s+/).length <= 8) kind = "META"; // a photo title or section label
    else kind = "PARAGRAPH";
    // A hard-wrapped paragraph (wire copy broken at a fixed width): a line that stops mid-sentence and runs straight
    // on into the next line continues the same paragraph.
    const prev = segments.at(-1);
    if (kind === "PARAGRAPH" && prev?.kind === "PARAGRAPH" && wrapsOn(text, prev.end, text.slice(prev.start, prev.end))) {
      prev.end = end;
      continue;
    }
    segments.push({ start, end, kind });
  }
  const sentences: Sentence[] = [];
  segments.forEach((seg, i) => {
    if (seg.kind === "META" || seg.kind === "DATELINE") return;
    for (const s of splitSentences(text, seg.start, seg.end)) sentences.push({ ...s, paragraph: i, kind: seg.kind });
  });
  const headline = segments.find((s) => s.kind === "HEADLINE");
  const meta: DocumentMeta = {
    title: given.title ?? (headline ? text.slice(headline.start, headline.end) : undefined),
    publishedAt: given.publishedAt ?? findPublishedAt(lines),
    language: given.language ?? guessLanguage(text),
  };
  return { text, meta, segments, sentences };
}

/**
 * Splits [from, to) at . ! ? followed by space and a capital or an opening quote, except after abbreviations
 * ("Col.", "U.S.", "Jan.") and initials ("Peter J. Osgood"), and never inside a quotation.
 */
export function splitSentences(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = from;
  let inCurly = 0;
  let straightOpen = false;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === "“") inCurly++;
    else if (c === "”") inCurly = Math.max(0, inCurly - 1);
    else if (c === '"') straightOpen = !straightOpen;
    if (c !== "." && c !== "!" && c !== "?") continue;
    let j = i + 1;
    while (j < to && /["”’)]/.test(text[j]!)) j++;
    if (j >= to || !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < to && /\s/.test(text[k]!)) k++;
    if (k >= to || !/[A-Z“"‘'(0-9]/.test(text[k]!)) continue;
    const closesQuote = j > i + 1 && /["”]/.test(text.slice(i + 1, j));
    if ((inCurly > 0 || straightOpen) && !closesQuote) continue;
    if (c === ".") {
      const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(from, i - 12), i))?.[1] ?? "";
      const w = word.toLowerCase().replace(/^\./, "");
      if (ABBREVIATIONS.has(w) || /^[A-Z]$/.test(word) || /^([a-z]\.)+[a-z]$/i.test(word)) continue;
    }
    out.push({ start, end: j });
    start = k;
    if (closesQuote) {
      inCurly = 0;
      straightOpen = false;
    }
    // The closing marks just passed belong to the sentence that ended: read again, a straight '"' would reopen a
    // quotation ('… accurate." She would not …' kept the next sentence inside it).
    i = k - 1;
  }
  if (start < to) out.push({ start, end: to });
  return out.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}
