/**
 * The closure of a set of incidents: every record the incidents reach, so that an export of a
 * selection is self-consistent (no reference leads outside it) and an internal one re-imports
 * into an empty Casebook. It holds ids only; which of those records a viewer may see is decided
 * later, by the same views as for a whole-database export.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';

export interface Closure {
  readonly incidents: ReadonlySet<number>;
  readonly locations: ReadonlySet<number>;
  readonly organisations: ReadonlySet<number>;
  readonly persons: ReadonlySet<number>;
  readonly alternativeNames: ReadonlySet<number>;
  readonly sources: ReadonlySet<number>;
  readonly posts: ReadonlySet<number>;
  readonly involvements: ReadonlySet<number>;
  readonly citations: ReadonlySet<number>;
  readonly evidence: ReadonlySet<number>;
}

const idList = (ids: Iterable<number>) => sql`(SELECT value FROM json_each(${JSON.stringify([...ids])}))`;

function ids(db: Db, query: SQL): Set<number> {
  return new Set(db.all<{ id: number }>(query).map((row) => row.id));
}

/** The ids given and every ancestor of them, through `parent_id` or another self-reference. */
function withAncestors(db: Db, table: 'locations' | 'organisations' | 'sources' | 'evidence', start: Iterable<number>, parent: string): Set<number> {
  return ids(
    db,
    sql`WITH RECURSIVE up(id) AS (SELECT value FROM json_each(${JSON.stringify([...start])})
          UNION SELECT t.${sql.raw(parent)} FROM ${sql.raw(table)} t JOIN up ON t.id = up.id WHERE t.${sql.raw(parent)} IS NOT NULL)
        SELECT id FROM up`,
  );
}

/** The closure of `incidentIds` (which must exist); read it inside the export's read transaction. */
export function closureOf(db: Db, incidentIds: readonly number[]): Closure {
  const incidents = new Set(incidentIds);
  const selected = idList(incidents);
  const involvements = ids(db, sql`SELECT id FROM involvements WHERE incident_id IN ${selected}`);
  const involvedPersons = ids(db, sql`SELECT person_id AS id FROM involvements WHERE incident_id IN ${selected} AND person_id IS NOT NULL`);
  const involvedUnits = ids(db, sql`SELECT organisation_id AS id FROM involvements WHERE incident_id IN ${selected} AND organisation_id IS NOT NULL`);
  // What a report's command chain and persons of interest can show: the posts of the persons
  // involved, and the posts in each unit involved and in its parent one level up.
  const units = idList(involvedUnits);
  const posts = ids(
    db,
    sql`SELECT id FROM posts WHERE person_id IN ${idList(involvedPersons)}
          OR organisation_id IN ${units} OR organisation_id IN (SELECT parent_id FROM organisations WHERE id IN ${units})`,
  );
  const postList = idList(posts);
  const persons = new Set([...involvedPersons, ...ids(db, sql`SELECT person_id AS id FROM posts WHERE id IN ${postList}`)]);
  const organisations = withAncestors(db, 'organisations', [...involvedUnits, ...ids(db, sql`SELECT organisation_id AS id FROM posts WHERE id IN ${postList}`)], 'parent_id');
  const locations = withAncestors(db, 'locations', ids(db, sql`SELECT location_id AS id FROM incident_locations WHERE incident_id IN ${selected}`), 'parent_id');
  const alternativeNames = ids(
    db,
    sql`SELECT id FROM alternative_names WHERE person_id IN ${idList(persons)} OR organisation_id IN ${idList(organisations)} OR location_id IN ${idList(locations)}`,
  );
  const citations = ids(
    db,
    sql`SELECT id FROM citations WHERE incident_id IN ${selected} OR involvement_id IN ${idList(involvements)} OR post_id IN ${postList}
          OR location_id IN ${idList(locations)} OR alternative_name_id IN ${idList(alternativeNames)}`,
  );
  // A relay names the source it repeats, which must travel with it.
  const sources = withAncestors(db, 'sources', ids(db, sql`SELECT source_id AS id FROM citations WHERE id IN ${idList(citations)}`), 'repeats_source_id');
  // The items linked to the incidents, the originals of those that are copies, and every copy of those.
  const linked = withAncestors(db, 'evidence', ids(db, sql`SELECT evidence_id AS id FROM evidence_incidents WHERE incident_id IN ${selected}`), 'derived_from_id');
  const evidence = new Set([...linked, ...ids(db, sql`SELECT id FROM evidence WHERE derived_from_id IN ${idList(linked)}`)]);
  return { incidents, locations, organisations, persons, alternativeNames, sources, posts, involvements, citations, evidence };
}
