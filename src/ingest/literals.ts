/**
 * A list of literal phrases found in text as one regex alternation of them would find them, without the regex:
 * `(?<=[before])(?:l1|l2|…)(?:suffix)?(?=[after])` with the g flag (no i, no u), where `before` and `after` are
 * one-character classes. The regex tries every alternative at every offset; this looks only at the phrases that
 * start with the character there, in the same order, so it finds the same matches (leftmost, first alternative in
 * list order, the optional suffix taken when what follows it allows) at a fraction of the cost for long lists.
 */
export type LiteralMatch = { 0: string; index: number };

export function literalMatcher(literals: Iterable<string>, opts: { before: RegExp; after: RegExp; suffix?: string }): (text: string) => LiteralMatch[] {
  // The phrases by their first UTF-16 code unit (what text[p] is), and a bitmap of those units: most offsets start no
  // phrase, and a bit says so without a look-up.
  const byFirst = new Map<number, string[]>();
  const starts = new Uint8Array(65_536);
  for (const l of literals) {
    if (!l) throw new Error("literalMatcher: an empty phrase would match everywhere");
    const c = l.charCodeAt(0);
    starts[c] = 1;
    const list = byFirst.get(c);
    if (list) list.push(l);
    else byFirst.set(c, [l]);
  }
  const { before, after, suffix } = opts;
  const allows = (text: string, at: number) => at < text.length && after.test(text[at]!);
  return (text: string) => {
    const out: LiteralMatch[] = [];
    for (let p = 1; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (starts[c] === 0) continue;
      const list = byFirst.get(c);
      if (!list || !before.test(text[p - 1]!)) continue;
      for (const l of list) {
        if (!text.startsWith(l, p)) continue;
        const end = p + l.length;
        const withSuffix = suffix && text.startsWith(suffix, end) && allows(text, end + suffix.length) ? end + suffix.length : -1;
        const stop = withSuffix >= 0 ? withSuffix : allows(text, end) ? end : -1;
        if (stop < 0) continue;
        out.push({ 0: text.slice(p, stop), index: p });
        p = stop - 1; // the next search starts where this match ends
        break;
      }
    }
    return out;
  };
}
