/**
 * A list of literal phrases found in text as one regex alternation of them would find them, without the regex:
 * `(?<=[before])(?:l1|l2|…)(?:suffix)?(?=[after])` with the g flag (no i, no u), where `before` and `after` are
 * one-character classes. The regex tries every alternative at every offset; this looks only at the phrases that
 * start with the character there, in the same order, so it finds the same matches (leftmost, first alternative in
 * list order, the optional suffix taken when what follows it allows) at a fraction of the cost for long lists.
 */
export type LiteralMatch = { 0: string; index: number };

type TrieNode = { next: Map<number, TrieNode>; /** Indices (in list order) of the phrases that end here. */ ends: number[] };

export function literalMatcher(literals: Iterable<string>, opts: { before: RegExp; after: RegExp; suffix?: string }): (text: string) => LiteralMatch[] {
  // The phrases in a trie of UTF-16 code units: at an offset, one walk down the text finds every phrase that starts
  // there (instead of a startsWith per phrase with that first unit); of those, the first in list order whose end the
  // `after` class allows wins, as in the alternation. A bitmap of first units says "none here" without a look-up.
  const list = [...literals];
  const root: TrieNode = { next: new Map(), ends: [] };
  const starts = new Uint8Array(65_536);
  list.forEach((l, index) => {
    if (!l) throw new Error("literalMatcher: an empty phrase would match everywhere");
    starts[l.charCodeAt(0)] = 1;
    let node = root;
    for (let k = 0; k < l.length; k++) {
      const c = l.charCodeAt(k);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), ends: [] }));
      node = child;
    }
    node.ends.push(index);
  });
  const { before, after, suffix } = opts;
  const allows = (text: string, at: number) => at < text.length && after.test(text[at]!);
  const found: number[] = [];
  return (text: string) => {
    const out: LiteralMatch[] = [];
    for (let p = 1; p < text.length; p++) {
      if (starts[text.charCodeAt(p)] === 0 || !before.test(text[p - 1]!)) continue;
      // Every phrase that starts at p, in list order.
      found.length = 0;
      let node: TrieNode | undefined = root;
      for (let q = p; q < text.length; q++) {
        node = node.next.get(text.charCodeAt(q));
        if (!node) break;
        for (const i of node.ends) found.push(i);
      }
      if (!found.length) continue;
      if (found.length > 1) found.sort((x, y) => x - y);
      for (const i of found) {
        const end = p + list[i]!.length;
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
