import { and, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { incidents } from '../schema.js';
import { incidentConditions, type IncidentFilter } from './incidents.js';

export interface MonthCount {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly incidents: number;
}

export interface SpanCount {
  readonly from: string;
  readonly to: string;
  readonly incidents: number;
}

const OPEN = sql`${incidents.dateEarliest} <> '0000-01-01' AND ${incidents.dateLatest} <> '9999-12-31'`;

/**
 * Matching incidents by month: those whose possible days all lie in one month, counted in it;
 * those that may lie in several months, counted per span of months (first and last); those with
 * an open end, counted apart, since no chart can place them.
 */
export function incidentsByMonth(db: Db, filter: IncidentFilter): { months: MonthCount[]; spans: SpanCount[]; open: number } {
  const where = and(...incidentConditions(filter));
  const earliestMonth = sql<string>`substr(${incidents.dateEarliest}, 1, 7)`;
  const latestMonth = sql<string>`substr(${incidents.dateLatest}, 1, 7)`;
  const months = db
    .select({ month: earliestMonth, incidents: sql<number>`count(*)` })
    .from(incidents)
    .where(and(where, OPEN, sql`${earliestMonth} = ${latestMonth}`))
    .groupBy(earliestMonth)
    .orderBy(earliestMonth)
    .all();
  const spans = db
    .select({ from: earliestMonth, to: latestMonth, incidents: sql<number>`count(*)` })
    .from(incidents)
    .where(and(where, OPEN, sql`${earliestMonth} <> ${latestMonth}`))
    .groupBy(earliestMonth, latestMonth)
    .orderBy(earliestMonth, latestMonth)
    .all();
  const open = db.select({ n: sql<number>`count(*)` }).from(incidents).where(and(where, sql`NOT (${OPEN})`)).get()!.n;
  return { months, spans, open };
}
