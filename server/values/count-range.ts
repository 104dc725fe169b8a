/**
 * A count as documented: "at least 100" is { min: 100, max: null }. Unknown is no range at all.
 */
export interface CountRange {
  readonly min: number;
  readonly max: number | null;
}

/** Adds ranges: minimums add; the maximum is open as soon as one range's maximum is. */
export function addRanges(ranges: Iterable<CountRange>): CountRange {
  let min = 0;
  let max: number | null = 0;
  for (const range of ranges) {
    min += range.min;
    max = max === null || range.max === null ? null : max + range.max;
  }
  return { min, max };
}

/** Words for a range; never a bare number for an open one. */
export function describeRange(range: CountRange): string {
  if (range.max === null) return `${range.min} or more`;
  if (range.max === range.min) return `exactly ${range.min}`;
  return `${range.min} to ${range.max}`;
}
