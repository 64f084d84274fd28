const STOP = new Set(
  "a an the of and or to in on at for by with from as is are was were be been being has have had do does did not no it its this that these those he she they we you i his her their our your them him us but if then than so such into over under about after before while during said says say told also would could should will can may might just more most other some any each which who whom what when where why how there here up down out off again further once all both few own same too very s t".split(" "),
);

/** Lower-cased content words with a crude plural/-ed/-ing stem. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().replace(/[’]/g, "'").match(/[a-z0-9][a-z0-9'-]*/g) ?? [])
    .map((w) => w.replace(/'s$/, ""))
    .filter((w) => w.length > 2 && !STOP.has(w))
    .map(stem);
}

export function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith("es")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s")) return w.slice(0, -1);
  return w;
}

/** Share of the claim's content words found in the text (0–1). */
export function coverage(claimWords: string[], textWords: Set<string>): number {
  const uniq = [...new Set(claimWords)];
  if (uniq.length === 0) return 0;
  return uniq.filter((w) => textWords.has(w)).length / uniq.length;
}
