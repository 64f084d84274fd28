// Lexicon data only: places, most specific first. `key` identifies the site an event happened at.

export type PlaceEntry = { key: string; pattern: RegExp; specific: boolean };

export const PLACES: PlaceEntry[] = [
  { key: "baghdad-airport", pattern: /\bbaghdad international airport\b|\bbaghdad airport\b/i, specific: true },
  { key: "taji", pattern: /\btaji\b|\bnorth of baghdad\b/i, specific: true },
  { key: "al-asad", pattern: /\bal[- ]asad\b|\bain al-asad\b/i, specific: true },
  { key: "kalsu", pattern: /\bkalsu\b|\bbabylon\b|\bal-mashrou\b|\bsouth of baghdad\b/i, specific: true },
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

export function findPlace(text: string): { key: string; specific: boolean } | undefined {
  for (const p of PLACES) if (p.pattern.test(text)) return { key: p.key, specific: p.specific };
  return undefined;
}
