/**
 * What the data exports read beyond the record lists: points of places with whether they are tied
 * to a protected person, citations whose claim the scope may see, and the counts of what a scope
 * leaves out or replaces (the withheld receipt).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { Closure } from './closure.js';
import { citations, type Citation } from '../schema.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

const idList = (ids: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

// An incident at the place involves a protected person (server/viewer.ts pointFor says why).
const tiedSql = (locationId: SQL) => sql`EXISTS (
  SELECT 1 FROM incident_locations il
  JOIN involvements v ON v.incident_id = il.incident_id
  JOIN persons p ON p.id = v.person_id
  WHERE il.location_id = ${locationId} AND p.protection = 'protected')`;

export interface PlacePoint {
  readonly latitude: number;
  readonly longitude: number;
  readonly precisionMeters: number;
  readonly tiedToProtected: boolean;
}

/** The points of the given places that have one, with whether each is tied to a protected person. */
export function pointsOfPlaces(db: Db, ids: readonly number[]): Map<number, PlacePoint> {
  if (ids.length === 0) return new Map();
  const rows = db.all<{ id: number; latitude: number; longitude: number; precisionMeters: number; tied: number }>(sql`
    SELECT l.id, l.latitude, l.longitude, l.precision_meters AS precisionMeters, ${tiedSql(sql`l.id`)} AS tied
    FROM locations l WHERE l.id IN ${idList(ids)} AND l.latitude IS NOT NULL`);
  return new Map(rows.map((row) => [row.id, { latitude: row.latitude, longitude: row.longitude, precisionMeters: row.precisionMeters, tiedToProtected: row.tied === 1 }]));
}

/**
 * Citations whose claim the scope may see, restricted sources included (the caller shows those
 * reduced to their grade, as a claim's page does). Without protected names, citations of a
 * protected person's posts and alternative names are left out with the claims themselves.
 */
export function findCitationsOfVisibleClaims(db: Db, scope: Scope, page: { afterId?: number; limit: number }): Citation[] {
  const conditions: SQL[] = [];
  if (!scope.protectedNames) {
    conditions.push(sql`(${citations.postId} IS NULL OR ${citations.postId} NOT IN (
      SELECT id FROM posts WHERE person_id IN (SELECT id FROM persons WHERE protection = 'protected')))`);
    conditions.push(sql`(${citations.alternativeNameId} IS NULL OR ${citations.alternativeNameId} NOT IN (
      SELECT id FROM alternative_names WHERE person_id IN (SELECT id FROM persons WHERE protection = 'protected')))`);
  }
  return pageRows(db, citations, conditions, page);
}

const protectedPersons = sql`(SELECT id FROM persons WHERE protection = 'protected')`;

/**
 * The counts behind every category of the withheld receipt, whatever the profile; only of the
 * records in `closure` when one is given (an export of a selection withholds nothing outside it).
 */
export function countProtectedData(db: Db, closure: Closure | null) {
  const count = (query: SQL) => db.get<{ n: number }>(query)!.n;
  const within = (column: SQL, key: keyof Closure) => (closure ? sql`${column} IN ${idList([...closure[key]])}` : sql`1`);
  // COALESCE: `NULL IN (…)` is NULL, and NOT NULL would drop the row.
  const hiddenClaims = sql`(COALESCE(post_id IN (SELECT id FROM posts WHERE person_id IN ${protectedPersons}), 0)
    OR COALESCE(alternative_name_id IN (SELECT id FROM alternative_names WHERE person_id IN ${protectedPersons}), 0))`;
  return {
    protectedPersons: count(sql`SELECT COUNT(*) AS n FROM persons WHERE protection = 'protected' AND ${within(sql`id`, 'persons')}`),
    protectedAlternativeNames: count(sql`SELECT COUNT(*) AS n FROM alternative_names WHERE person_id IN ${protectedPersons} AND ${within(sql`id`, 'alternativeNames')}`),
    protectedPosts: count(sql`SELECT COUNT(*) AS n FROM posts WHERE person_id IN ${protectedPersons} AND ${within(sql`id`, 'posts')}`),
    protectedInvolvements: count(sql`SELECT COUNT(*) AS n FROM involvements WHERE person_id IN ${protectedPersons} AND ${within(sql`id`, 'involvements')}`),
    restrictedSources: count(sql`SELECT COUNT(*) AS n FROM sources WHERE restricted = 1 AND ${within(sql`id`, 'sources')}`),
    citationsOfHiddenClaims: count(sql`SELECT COUNT(*) AS n FROM citations WHERE ${hiddenClaims} AND ${within(sql`id`, 'citations')}`),
    restrictedCitationsOfVisibleClaims: count(
      sql`SELECT COUNT(*) AS n FROM citations WHERE source_id IN (SELECT id FROM sources WHERE restricted = 1) AND NOT ${hiddenClaims} AND ${within(sql`id`, 'citations')}`,
    ),
    placesTiedWithPoint: count(sql`SELECT COUNT(*) AS n FROM locations l WHERE l.latitude IS NOT NULL AND ${tiedSql(sql`l.id`)} AND ${within(sql`l.id`, 'locations')}`),
    protectedEvidence: count(sql`SELECT COUNT(*) AS n FROM evidence WHERE protected = 1 AND derived_from_id IS NULL AND ${within(sql`id`, 'evidence')}`),
    featuresAtTiedPlaces: count(
      sql`SELECT COUNT(*) AS n FROM incident_locations il JOIN locations l ON l.id = il.location_id
          WHERE l.latitude IS NOT NULL AND ${tiedSql(sql`l.id`)} AND ${within(sql`il.incident_id`, 'incidents')}`,
    ),
  };
}

export type ProtectedDataCounts = ReturnType<typeof countProtectedData>;
