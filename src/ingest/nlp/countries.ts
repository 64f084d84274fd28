// Countries as data from a kept library (countries-list, MIT): every country's name, its other names ("US", "USA",
// "America") and its capital. A capital named as an actor stands for its country ("Washington informed Baghdad"
// speaks of the United States and Iraq), and a country's other names are the country. This is general knowledge of
// the world, not a list of any story's actors, so it holds whichever lexicons are on.
import { countries } from "countries-list";

const keyOf = (s: string) =>
  s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\./g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

const CAPITAL_TO_COUNTRY = new Map<string, string>();
const ALIAS_TO_COUNTRY = new Map<string, string>();
const capitalsSeen = new Map<string, number>();
for (const c of Object.values(countries)) {
  const country = keyOf(c.name);
  for (const a of (c as { alias?: string[] }).alias ?? []) if (keyOf(a) !== country) ALIAS_TO_COUNTRY.set(keyOf(a), country);
  for (const part of (c.capital ?? "").split(/\s*,\s*/).filter(Boolean)) {
    // "Washington D.C." is also "Washington"; "Kuwait City" is also "Kuwait" only as the country itself.
    for (const k of new Set([keyOf(part), keyOf(part.replace(/\s+D\.?C\.?$/i, ""))])) {
      capitalsSeen.set(k, (capitalsSeen.get(k) ?? 0) + 1);
      CAPITAL_TO_COUNTRY.set(k, country);
    }
  }
}
// A capital's name shared by two countries, or that is itself a country's name, says nothing on its own.
const COUNTRY_KEYS = new Set(Object.values(countries).map((c) => keyOf(c.name)));
for (const [k, n] of capitalsSeen) if (n > 1 || ALIAS_TO_COUNTRY.has(k) || COUNTRY_KEYS.has(k)) CAPITAL_TO_COUNTRY.delete(k);

/** The country an entity key stands for as its capital or another name of it ("baghdad" → iraq, "us" → united-states). */
export function countryOf(entityKey: string): string | undefined {
  return CAPITAL_TO_COUNTRY.get(entityKey) ?? ALIAS_TO_COUNTRY.get(entityKey);
}
