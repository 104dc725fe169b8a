/**
 * Whether a post was held at the time of an incident, over fuzzy dates. A post `2016-12/2017-04`
 * was surely held from the last day it may have begun (2016-12-31) to the first day it may have
 * ended (2017-04-01): an incident wholly inside that is matched *certain*. One whose possible
 * days merely overlap the post's possible days is *possible*; one outside them does not match.
 *
 * EDTF gives no size to `~` (about) and `?` (uncertain): either widens a date by one unit of its
 * own precision (a month for `2017-05~`) and makes any match with it at most possible.
 */
import edtf, { type ExtDate, type Interval } from 'edtf';
import { OPEN_END, OPEN_START } from './edtf-date.js';

export interface Dating {
  /** Every day it may cover, widened for `~` and `?`. */
  readonly possible: { readonly from: string; readonly to: string };
  /** Days it surely covers as a period (both ends known); null when none are sure. */
  readonly surely: { readonly from: string; readonly to: string } | null;
  /** No `~` or `?` anywhere in it. */
  readonly exact: boolean;
}

export type AtTheTime = 'certain' | 'possible';

function qualified(date: ExtDate): boolean {
  return Boolean(date.approximate?.value || date.uncertain?.value);
}

/** Moves a timestamp by `steps` units of the date's precision (a year where it has none). */
function shift(ms: number, date: ExtDate, steps: number): number {
  const at = new Date(ms);
  if (date.precision === 3) at.setUTCDate(at.getUTCDate() + steps);
  else if (date.precision === 2) at.setUTCMonth(at.getUTCMonth() + steps);
  else at.setUTCFullYear(at.getUTCFullYear() + steps);
  return at.getTime();
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A single date's possible days, as timestamps, widened when qualified. */
function possibleOf(date: ExtDate): { min: number; max: number } | null {
  if (date.min === null || date.max === null || !Number.isFinite(date.min) || !Number.isFinite(date.max)) return null;
  const widen = qualified(date) ? 1 : 0;
  return { min: shift(date.min, date, -widen), max: shift(date.max, date, widen) };
}

function isInterval(date: ExtDate): date is Interval {
  return date.type === 'Interval';
}

function intervalDating(interval: Interval): Dating {
  const end = (side: ExtDate | number | null) => (typeof side === 'object' && side !== null ? side : null);
  const lower = end(interval.lower);
  const upper = end(interval.upper);
  const lowerDays = lower && possibleOf(lower);
  const upperDays = upper && possibleOf(upper);
  // `..` is an open end (it goes on); an empty end is unknown, so nothing after the start is sure.
  // (The library gives an open start as +Infinity, like an open end.)
  const openStart = interval.lower === Infinity || interval.lower === -Infinity;
  const openEnd = interval.upper === Infinity;
  const from = lowerDays ? day(lowerDays.min) : OPEN_START;
  const to = upperDays ? day(upperDays.max) : OPEN_END;
  const sureFrom = openStart ? OPEN_START : lower && lowerDays ? day(qualified(lower) ? lowerDays.max : lower.max!) : null;
  const sureTo = openEnd ? OPEN_END : upper && upperDays ? day(qualified(upper) ? upperDays.min : upper.min!) : null;
  const surely = sureFrom !== null && sureTo !== null && sureFrom <= sureTo ? { from: sureFrom, to: sureTo } : null;
  return { possible: { from, to }, surely, exact: !(lower && qualified(lower)) && !(upper && qualified(upper)) };
}

/** The dating of an EDTF text; an unparsable or missing one may be any day and is sure of none. */
export function datingOf(text: string | null): Dating {
  const unknown: Dating = { possible: { from: OPEN_START, to: OPEN_END }, surely: null, exact: false };
  if (text === null) return unknown;
  let parsed: ExtDate;
  try {
    parsed = edtf(text);
  } catch {
    return unknown;
  }
  if (isInterval(parsed)) return intervalDating(parsed);
  const days = possibleOf(parsed);
  // A single date says when, not for how long: a post dated 2017-02 was held some time that month.
  if (!days) return unknown;
  return { possible: { from: day(days.min), to: day(days.max) }, surely: null, exact: !qualified(parsed) };
}

/** Whether a period (a post) covered the time of an event (an incident): certain, possible, or not at all (null). */
export function heldAtTheTime(period: Dating, event: Dating): AtTheTime | null {
  if (period.possible.to < event.possible.from || event.possible.to < period.possible.from) return null;
  const within = period.surely !== null && period.surely.from <= event.possible.from && event.possible.to <= period.surely.to;
  // The period's own `~` and `?` already narrowed its sure days; the event's cannot be narrowed.
  return within && event.exact ? 'certain' : 'possible';
}
