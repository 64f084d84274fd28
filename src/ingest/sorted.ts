/** In a list sorted by `pos`, the index of the first item at or after `at` (binary search; `list.length` if none). */
export function lowerBound<T>(list: readonly T[], at: number, pos: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos(list[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
