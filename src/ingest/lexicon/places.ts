// Lexicon data only: places, most specific first. `key` identifies the site an event happened at.
import { LEXICONS_OFF } from "./organizations.js";

export type PlaceEntry = { key: string; pattern: RegExp; specific: boolean; category?: "base" | "airport" };

const KNOWN_PLACES: PlaceEntry[] = [
  { key: "baghdad-airport", pattern: /\bbaghdad international airport\b|\bbaghdad airport\b/i, specific: true, category: "airport" },
  { key: "taji", pattern: /\btaji\b|\bnorth of baghdad\b/i, specific: true, category: "base" },
  { key: "al-asad", pattern: /\bal[- ]asad\b|\bain al-asad\b/i, specific: true, category: "base" },
  { key: "kalsu", pattern: /\bkalsu\b|\bbabylon\b|\bal-mashrou\b|\bsouth of baghdad\b/i, specific: true, category: "base" },
  { key: "anbar", pattern: /\banbar\b/i, specific: true },
  { key: "eilat", pattern: /\beilat\b/i, specific: true },
  { key: "jordan", pattern: /\bin jordan\b|\bjordan\b/i, specific: true },
  { key: "erbil", pattern: /\berbil\b/i, specific: true },
  { key: "baghdad", pattern: /\bin baghdad\b/i, specific: true },
  { key: "baghdad-area", pattern: /\bnear baghdad\b|\baround baghdad\b/i, specific: false },
  { key: "iraq", pattern: /\bin iraq\b/i, specific: false },
  { key: "syria", pattern: /\bin syria\b/i, specific: false },
  { key: "iran", pattern: /\bin iran\b/i, specific: false },
];

/** Optional data: off with `GAINSAY_LEXICONS=off` (see the organisations lexicon). */
export const PLACES: PlaceEntry[] = LEXICONS_OFF ? [] : KNOWN_PLACES;

export function findPlace(text: string): { key: string; specific: boolean; category?: PlaceEntry["category"] } | undefined {
  for (const p of PLACES) if (p.pattern.test(text)) return { key: p.key, specific: p.specific, ...(p.category ? { category: p.category } : {}) };
  return undefined;
}

/** "the airbase", "the base", "the airport": a definite description of a site, and which kind of site it names. */
export function siteDescription(text: string): PlaceEntry["category"] | undefined {
  if (/\bthe\s+(?:air\s?base|airbase|base|camp)\b/i.test(text)) return "base";
  if (/\bthe\s+airport\b/i.test(text)) return "airport";
  return undefined;
}
