import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { incidentActTypes, incidentLocations, incidents, locations } from '../schema.js';
import { locationAndDescendantsSql, organisationAndDescendantsSql } from './locations-tree.js';
import { pageRows } from './rows.js';
import { corroborationIsSql, disputedSql, type Corroboration } from './status.js';

export type IncidentRow = typeof incidents.$inferSelect;
export type ActType = (typeof incidentActTypes.$inferSelect)['actType'];

export interface IncidentFilter {
  readonly actTypes?: readonly ActType[];
  /** Incidents at this place or any place inside it. */
  readonly locationId?: number;
  readonly personId?: number;
  /** Incidents involving this organisation or any unit inside it. */
  readonly organisationId?: number;
  /** Overlap: incidents that may have happened on some day in [earliest, latest]. */
  readonly dateSpan?: { readonly earliest: string; readonly latest: string };
  readonly corroboration?: Corroboration;
  readonly disputed?: boolean;
}

/**
 * How a date overlap is found: on the incidents' own columns while walking them in id order (cheap
 * when many incidents overlap, or when another index drives, as in search), or through the span
 * R*Tree (migration 0005), which reads only the incidents that overlap: cheap when they are few.
 */
export type DateStrategy = 'columns' | 'span-index';

const dayNumber = (date: string) => sql`CAST(julianday(${date}) AS INTEGER)`;

export function incidentConditions(filter: IncidentFilter, dates: DateStrategy = 'columns'): SQL[] {
  const conditions: SQL[] = [];
  const id = sql`${incidents.id}`;
  // Correlated EXISTS rather than IN (subquery): the list walks incidents in id order and stops
  // after one page, instead of first collecting every incident with that act type or place.
  if (filter.actTypes?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM incident_act_types a WHERE a.incident_id = ${id} AND a.act_type IN (SELECT value FROM json_each(${JSON.stringify(filter.actTypes)})))`);
  }
  if (filter.locationId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM incident_locations l WHERE l.incident_id = ${id} AND l.location_id IN ${locationAndDescendantsSql(filter.locationId)})`);
  }
  if (filter.personId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM involvements v WHERE v.incident_id = ${id} AND v.person_id = ${filter.personId})`);
  }
  if (filter.organisationId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM involvements v WHERE v.incident_id = ${id} AND v.organisation_id IN ${organisationAndDescendantsSql(filter.organisationId)})`);
  }
  if (filter.dateSpan) {
    const { earliest, latest } = filter.dateSpan;
    conditions.push(
      dates === 'span-index'
        ? sql`${id} IN (SELECT id FROM incident_spans WHERE earliest_day <= ${dayNumber(latest)} AND latest_day >= ${dayNumber(earliest)})`
        : sql`${incidents.dateLatest} >= ${earliest} AND ${incidents.dateEarliest} <= ${latest}`,
    );
  }
  if (filter.corroboration) conditions.push(corroborationIsSql('incident', id, filter.corroboration));
  if (filter.disputed !== undefined) {
    conditions.push(filter.disputed ? disputedSql('incident', id) : sql`NOT ${disputedSql('incident', id)}`);
  }
  return conditions;
}

// Below this many overlapping incidents, reading them through the span index beats walking
// incidents in id order until a page is full (measured at 1M incidents: npm run bench -- search).
const SPAN_INDEX_LIMIT = 20_000;

/** The cheaper way to find this filter's date overlap, from a capped count of overlapping incidents. */
export function dateStrategyFor(db: Db, filter: IncidentFilter): DateStrategy {
  if (!filter.dateSpan) return 'columns';
  const { earliest, latest } = filter.dateSpan;
  const { overlapping } = db.get<{ overlapping: number }>(sql`
    SELECT COUNT(*) AS overlapping FROM (SELECT 1 FROM incident_spans
      WHERE earliest_day <= ${dayNumber(latest)} AND latest_day >= ${dayNumber(earliest)} LIMIT ${SPAN_INDEX_LIMIT})`)!;
  return overlapping < SPAN_INDEX_LIMIT ? 'span-index' : 'columns';
}

/** One page of incidents in id order, after `afterId`. */
export function findIncidents(db: Db, filter: IncidentFilter, page: { afterId?: number; limit: number }): IncidentRow[] {
  return pageRows(db, incidents, incidentConditions(filter, dateStrategyFor(db, filter)), page);
}

/** Count and victim totals of every incident matching the filter. */
export function summariseIncidents(db: Db, filter: IncidentFilter) {
  const where = and(...incidentConditions(filter, dateStrategyFor(db, filter)));
  const [totals] = db
    .select({
      incidents: sql<number>`COUNT(*)`,
      withVictimCount: sql<number>`COUNT(${incidents.victimsMin})`,
      victimsMin: sql<number>`COALESCE(SUM(${incidents.victimsMin}), 0)`,
      // Any open maximum opens the total.
      openMax: sql<number>`COALESCE(SUM(${incidents.victimsMin} IS NOT NULL AND ${incidents.victimsMax} IS NULL), 0)`,
      victimsMax: sql<number>`COALESCE(SUM(${incidents.victimsMax}), 0)`,
    })
    .from(incidents)
    .where(where)
    .all();
  const byActType = db
    .select({ actType: incidentActTypes.actType, incidents: sql<number>`COUNT(*)` })
    .from(incidentActTypes)
    .where(inArray(incidentActTypes.incidentId, db.select({ id: incidents.id }).from(incidents).where(where)))
    .groupBy(incidentActTypes.actType)
    .orderBy(incidentActTypes.actType)
    .all();
  return { totals: totals!, byActType };
}

export function actTypesOf(db: Db, ids: readonly number[]): Map<number, ActType[]> {
  const result = new Map<number, ActType[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = db.select().from(incidentActTypes).where(inArray(incidentActTypes.incidentId, [...ids])).orderBy(incidentActTypes.actType).all();
  for (const row of rows) result.get(row.incidentId)?.push(row.actType);
  return result;
}

export function locationsOf(db: Db, ids: readonly number[]): Map<number, { id: number; name: string }[]> {
  const result = new Map<number, { id: number; name: string }[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = db
    .select({ incidentId: incidentLocations.incidentId, id: locations.id, name: locations.name })
    .from(incidentLocations)
    .innerJoin(locations, eq(locations.id, incidentLocations.locationId))
    .where(inArray(incidentLocations.incidentId, [...ids]))
    .orderBy(locations.id)
    .all();
  for (const row of rows) result.get(row.incidentId)?.push({ id: row.id, name: row.name });
  return result;
}

export function replaceActTypes(db: Db, incidentId: number, actTypes: readonly ActType[]): void {
  db.delete(incidentActTypes).where(eq(incidentActTypes.incidentId, incidentId)).run();
  if (actTypes.length > 0) db.insert(incidentActTypes).values(actTypes.map((actType) => ({ incidentId, actType }))).run();
}

export function replaceLocations(db: Db, incidentId: number, locationIds: readonly number[]): void {
  db.delete(incidentLocations).where(eq(incidentLocations.incidentId, incidentId)).run();
  if (locationIds.length > 0) db.insert(incidentLocations).values(locationIds.map((locationId) => ({ incidentId, locationId }))).run();
}
