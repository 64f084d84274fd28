// The token layer: wink-nlp's tokenizer and part-of-speech tagger over the whole text, once, with character
// offsets recovered from its lossless token stream (each token's preceding spaces plus its value).
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export type Token = {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Universal POS tag from wink-nlp (PROPN, NOUN, VERB, AUX, ADJ, ADV, DET, ADP, PRON, PART, CCONJ, SCONJ, NUM, PUNCT, SYM, X). */
  pos: string;
  /** Inside a quotation (marks excluded). */
  quoted: boolean;
  /** Starts with a capital letter. */
  cap: boolean;
};

let nlp: ReturnType<typeof winkNLP> | undefined;
// Only the tagger: sentence breaking, negation, sentiment and entity recognition are done elsewhere or not needed.
const engine = () => (nlp ??= winkNLP(model, ["pos"]));

/** Tokens of `text` in order, spaces dropped. Linear in the text. */
export function tokenize(text: string): Token[] {
  const w = engine();
  const doc = w.readDoc(text);
  const values = doc.tokens().out() as string[];
  const spaces = doc.tokens().out(w.its.precedingSpaces) as string[];
  const tags = doc.tokens().out(w.its.pos) as string[];
  const out: Token[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    const v = values[i]!;
    // wink keeps the text losslessly; guard anyway so a surprise never shifts every later offset.
    const found = text.startsWith(v, at) ? at : text.indexOf(v, at);
    if (found < 0) continue;
    at = found;
    if (tags[i] !== "SPACE") out.push({ start: at, end: at + v.length, text: v, lower: v.toLowerCase(), pos: tags[i]!, quoted: false, cap: startsUpper(v) });
    at += v.length;
  }
  return out;
}

/** Starts with an upper-case letter (/^\p{Lu}/u), ASCII answered without the regex. */
const startsUpper = (v: string) => {
  const c = v.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(v);
};

/** Index of the first element of a sorted array for which `before(element)` is false (binary search). */
export function firstNotBefore<T>(xs: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(xs[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first token whose start is ≥ `offset`. */
export const tokenAt = (tokens: Token[], offset: number): number => firstNotBefore(tokens, (t) => t.start < offset);
