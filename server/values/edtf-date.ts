import edtf from 'edtf';

/** Stored in place of an open or unknown end, so range comparisons stay plain and indexable. */
export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

export interface EdtfSpan {
  /** The EDTF text as the researcher wrote it, normalised by the parser. */
  readonly edtf: string;
  /** Earliest possible day, `YYYY-MM-DD`, or OPEN_START. */
  readonly earliest: string;
  /** Latest possible day, `YYYY-MM-DD`, or OPEN_END. */
  readonly latest: string;
}

export class EdtfError extends Error {}

export const EDTF_EXAMPLES = '2016-12, 2017-01~ (about), 2017-02? (uncertain), 2016-12/2017-04 (interval), ../2017-01 (open start), 201X (decade)';

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// The parser takes about 130 µs a date; a bulk import of a million incidents repeats a few
// thousand distinct dates, so parsed spans are kept (bounded; errors are not kept).
const SPANS_KEPT = 10_000;
const spans = new Map<string, EdtfSpan>();

/**
 * Error messages do not repeat the input, which might be a name typed in the wrong field.
 *
 * Parses an EDTF (ISO 8601-2) date, interval or set into the span of days it may cover.
 * Lists (`{…}`, "all of") are refused: the library's bounds for them are wrong.
 */
export function parseEdtf(text: string): EdtfSpan {
  let span = spans.get(text);
  if (!span) {
    if (spans.size >= SPANS_KEPT) spans.clear();
    spans.set(text, (span = Object.freeze(parseUncached(text))));
  }
  return span;
}

function parseUncached(text: string): EdtfSpan {
  let parsed;
  try {
    parsed = edtf(text);
  } catch {
    throw new EdtfError(`not an EDTF date; examples: ${EDTF_EXAMPLES}`);
  }
  if (parsed.type === 'List') {
    throw new EdtfError('EDTF lists ({…}) are not supported; write an interval such as 2016/2018');
  }
  const { min, max } = parsed;
  const earliest = min === null || !Number.isFinite(min) ? OPEN_START : day(min);
  const latest = max === null || !Number.isFinite(max) ? OPEN_END : day(max);
  if (earliest < '0001-01-01' && earliest !== OPEN_START) throw new EdtfError('the date lies before year 1');
  if (latest > '9999-12-30' && latest !== OPEN_END) throw new EdtfError('the date lies after year 9999');
  return { edtf: parsed.edtf, earliest, latest };
}

/** The span as the API shows it: open ends are null, not sentinels. */
export function presentSpan(earliest: string | null, latest: string | null): { earliest: string | null; latest: string | null } {
  return {
    earliest: earliest === null || earliest === OPEN_START ? null : earliest,
    latest: latest === null || latest === OPEN_END ? null : latest,
  };
}
