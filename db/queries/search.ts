/**
 * The search index's tables (migrations 0004, 0006): two contentless FTS5 worlds, the text their
 * documents were keyed from, the queue of documents the triggers mark for re-indexing, and what
 * the shielded world was built with.
 * A document's rowid (docid) is its record id * 8 + its kind's number.
 */
import type { Statement } from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { incidents, type Citation, type Incident, type Location, type Person, type Source } from '../schema.js';
import type { ActType } from './incidents.js';
import { disputedSql, supportingOriginsSql, type Corroboration } from './status.js';

export const searchKinds = ['incident', 'person', 'organisation', 'location', 'source', 'citation'] as const;
export type SearchKind = (typeof searchKinds)[number];
export const searchWorlds = ['full', 'shielded'] as const;
export type SearchWorld = (typeof searchWorlds)[number];

export function docidOf(kind: SearchKind, id: number): number {
  return id * 8 + searchKinds.indexOf(kind);
}

export function recordOf(docid: number): { kind: SearchKind; id: number } {
  return { kind: searchKinds[docid % 8]!, id: Math.floor(docid / 8) };
}

const tableOf: Record<SearchWorld, string> = { full: 'search_full', shielded: 'search_shielded' };

export function searchTable(world: SearchWorld): string {
  return tableOf[world];
}

// ---- What documents are made of, read in batches by id ----

/** An incident refers to the persons, organisations and places involved by id; their names are in a NameBook. */
export interface IncidentSource extends Pick<Incident, 'id' | 'title' | 'summary'> {
  actTypes: ActType[];
  placeIds: number[];
  involved: { personId: number | null; organisationId: number | null; description: string }[];
}

export interface NamedRecord {
  name: string;
  alternativeNames: string[];
}

export type NamedPerson = NamedRecord & Pick<Person, 'pseudonym' | 'protection'>;

/**
 * The names incident documents refer to, by id. A rebuild reads every one once, rather than the
 * involved persons' and places' names again for each of a million incidents.
 */
export interface NameBook {
  persons: Map<number, NamedPerson>;
  organisations: Map<number, NamedRecord>;
  locations: Map<number, NamedRecord>;
}

export interface NamedSource extends Pick<Location, 'id' | 'name' | 'description'> {
  alternativeNames: string[];
}

export type PersonSource = NamedSource & Pick<Person, 'pseudonym' | 'protection'>;

export type SourceSource = Pick<Source, 'id' | 'title' | 'publisher' | 'author' | 'notes' | 'restricted'>;

export interface CitationSource extends Pick<Citation, 'id' | 'quote' | 'locator'> {
  source: Pick<Source, 'title' | 'restricted'>;
}

export interface DocumentSources {
  incident: IncidentSource[];
  person: PersonSource[];
  organisation: NamedSource[];
  location: NamedSource[];
  source: SourceSource[];
  citation: CitationSource[];
}

const altNames = (column: string, owner: string) =>
  `(SELECT json_group_array(name) FROM (SELECT name FROM alternative_names WHERE ${column} = ${owner} ORDER BY id))`;

// Each reads the rows whose id is in the JSON array bound as the only parameter.
const sourceSql: Record<SearchKind, string> = {
  incident: `
    SELECT i.id, i.title, i.summary,
      (SELECT json_group_array(act_type) FROM (SELECT act_type FROM incident_act_types WHERE incident_id = i.id ORDER BY act_type)) AS actTypes,
      (SELECT json_group_array(location_id) FROM incident_locations WHERE incident_id = i.id) AS placeIds,
      (SELECT json_group_array(json_object('personId', person_id, 'organisationId', organisation_id, 'description', description))
         FROM involvements WHERE incident_id = i.id) AS involved
    FROM incidents i WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
  person: `
    SELECT id, name, description, pseudonym, protection, ${altNames('person_id', 'persons.id')} AS alternativeNames
    FROM persons WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  organisation: `
    SELECT id, name, description, ${altNames('organisation_id', 'organisations.id')} AS alternativeNames
    FROM organisations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  location: `
    SELECT id, name, description, ${altNames('location_id', 'locations.id')} AS alternativeNames
    FROM locations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  source: `
    SELECT id, title, publisher, author, notes, restricted
    FROM sources WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  citation: `
    SELECT c.id, c.quote, c.locator, json_object('title', s.title, 'restricted', json(CASE WHEN s.restricted THEN 'true' ELSE 'false' END)) AS source
    FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
};

const jsonColumns = new Set(['actTypes', 'placeIds', 'involved', 'alternativeNames', 'source']);

/** A row as SQLite gives it: what it shows of related records still JSON text. */
export type DocumentRow = Record<string, unknown>;

function parsed(row: DocumentRow): DocumentRow {
  for (const key of Object.keys(row)) {
    if (jsonColumns.has(key) && typeof row[key] === 'string') row[key] = JSON.parse(row[key]);
  }
  if ('restricted' in row) row.restricted = row.restricted === 1;
  return row;
}

const statements = new WeakMap<Db, Map<string, Statement>>();
/** Filters combine into many query shapes; past this many, start the cache afresh rather than grow it. */
const STATEMENT_CACHE_LIMIT = 500;

function prepared(db: Db, text: string): Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) {
    if (byText.size >= STATEMENT_CACHE_LIMIT) byText.clear();
    byText.set(text, (statement = db.$client.prepare(text)));
  }
  return statement;
}

const dialect = new SQLiteSyncDialect();

/** The rows of a built query, through a statement prepared once per query shape: preparing an FTS5 query costs about as much as running a selective one. */
function allRows<T>(db: Db, query: SQL): T[] {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return prepared(db, text).all(...params) as T[];
}

/** The rows behind the documents of these ids of one kind, unparsed: a rebuild parses them on another thread. */
export function documentRows(db: Db, kind: SearchKind, ids: readonly number[]): DocumentRow[] {
  if (ids.length === 0) return [];
  return prepared(db, sourceSql[kind]).all(JSON.stringify(ids)) as DocumentRow[];
}

/** Rows from documentRows as what they are (parsed in place). */
export function parseDocumentRows<K extends SearchKind>(_kind: K, rows: DocumentRow[]): DocumentSources[K] {
  return rows.map(parsed) as unknown as DocumentSources[K];
}

/** The rows (with what they show of related records) behind the documents of these ids of one kind. */
export function documentSources<K extends SearchKind>(db: Db, kind: K, ids: readonly number[]): DocumentSources[K] {
  return parseDocumentRows(kind, documentRows(db, kind, ids));
}

const nameSql = {
  persons: `SELECT id, name, pseudonym, protection, ${altNames('person_id', 'persons.id')} AS alternativeNames FROM persons`,
  organisations: `SELECT id, name, ${altNames('organisation_id', 'organisations.id')} AS alternativeNames FROM organisations`,
  locations: `SELECT id, name, ${altNames('location_id', 'locations.id')} AS alternativeNames FROM locations`,
};

function namesOf<T extends NamedRecord>(db: Db, table: keyof NameBook, ids?: ReadonlySet<number>): Map<number, T> {
  const names = new Map<number, T>();
  // Every write re-indexes what it touched: an incident with no organisation asks for none.
  if (ids?.size === 0) return names;
  const rows = (ids ? prepared(db, `${nameSql[table]} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...ids])) : prepared(db, nameSql[table]).all()) as DocumentRow[];
  for (const row of rows) {
    const { id, ...named } = parsed(row);
    names.set(id as number, named as unknown as T);
  }
  return names;
}

/** Every person's, organisation's and place's names. */
export function allNames(db: Db): NameBook {
  return { persons: namesOf(db, 'persons'), organisations: namesOf(db, 'organisations'), locations: namesOf(db, 'locations') };
}

/** The names these incidents refer to. */
export function namesFor(db: Db, incidents: readonly IncidentSource[]): NameBook {
  const persons = new Set<number>();
  const organisations = new Set<number>();
  const locations = new Set<number>();
  for (const incident of incidents) {
    for (const id of incident.placeIds) locations.add(id);
    for (const { personId, organisationId } of incident.involved) {
      if (personId !== null) persons.add(personId);
      if (organisationId !== null) organisations.add(organisationId);
    }
  }
  return { persons: namesOf(db, 'persons', persons), organisations: namesOf(db, 'organisations', organisations), locations: namesOf(db, 'locations', locations) };
}

/** Ids of one kind after `afterId`, in order: for rebuilding the index batch by batch. */
export function idsAfter(db: Db, kind: SearchKind, afterId: number, limit: number): number[] {
  const table = { incident: 'incidents', person: 'persons', organisation: 'organisations', location: 'locations', source: 'sources', citation: 'citations' }[kind];
  return prepared(db, `SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).pluck().all(afterId, limit) as number[];
}

export function countRecords(db: Db): number {
  return prepared(db, `SELECT (SELECT COUNT(*) FROM incidents) + (SELECT COUNT(*) FROM persons) + (SELECT COUNT(*) FROM organisations)
    + (SELECT COUNT(*) FROM locations) + (SELECT COUNT(*) FROM sources) + (SELECT COUNT(*) FROM citations)`).pluck().get() as number;
}

// ---- The index itself ----

/** What a document says, as text or as its word keys. */
export interface DocumentText {
  readonly name: string;
  readonly body: string;
}

/** A record's document in one world: the word keys indexed, and the text they were keyed from. */
export interface WorldEntry {
  readonly keys: DocumentText;
  readonly text: DocumentText;
}

/** A record's documents in both worlds; null where the world holds none. */
export interface IndexEntry {
  readonly docid: number;
  readonly full: WorldEntry | null;
  readonly shielded: WorldEntry | null;
}

/**
 * Writes records' documents; with `replace`, first removes what the index held for each (not
 * needed in a rebuild). Statements are looked up once, not once per row: a rebuild writes millions.
 */
export function indexWriter(db: Db, replace: boolean): (entry: IndexEntry) => void {
  const remove = searchWorlds.map((world) => prepared(db, `DELETE FROM ${tableOf[world]} WHERE rowid = ?`));
  const removeText = prepared(db, `DELETE FROM search_texts WHERE docid = ?`);
  const insert = { full: prepared(db, `INSERT INTO ${tableOf.full} (rowid, name, body) VALUES (?, ?, ?)`), shielded: prepared(db, `INSERT INTO ${tableOf.shielded} (rowid, name, body) VALUES (?, ?, ?)`) };
  const insertText = prepared(db, `INSERT INTO search_texts (docid, name, body, shielded, shielded_name, shielded_body) VALUES (?, ?, ?, ?, ?, ?)`);
  return (entry) => {
    if (replace) {
      for (const statement of remove) statement.run(entry.docid);
      removeText.run(entry.docid);
    }
    for (const world of searchWorlds) {
      const keys = entry[world]?.keys;
      if (keys) insert[world].run(entry.docid, keys.name, keys.body);
    }
    const { full, shielded } = entry;
    if (!full) return;
    const same = shielded !== null && shielded.text.name === full.text.name && shielded.text.body === full.text.body;
    const own = shielded !== null && !same;
    insertText.run(entry.docid, full.text.name, full.text.body, same ? 'same' : own ? 'own' : 'none', own ? shielded.text.name : null, own ? shielded.text.body : null);
  };
}

const textSql: Record<SearchWorld, string> = {
  full: `SELECT docid, name, body FROM search_texts WHERE docid IN (SELECT value FROM json_each(?))`,
  shielded: `SELECT docid, CASE shielded WHEN 'own' THEN shielded_name ELSE name END AS name, CASE shielded WHEN 'own' THEN shielded_body ELSE body END AS body
    FROM search_texts WHERE docid IN (SELECT value FROM json_each(?)) AND shielded <> 'none'`,
};

/** The text these documents were indexed from in a world, by docid; a document the world does not hold is missing. */
export function indexedTexts(db: Db, world: SearchWorld, docids: readonly number[]): Map<number, DocumentText> {
  if (docids.length === 0) return new Map();
  const rows = prepared(db, textSql[world]).all(JSON.stringify(docids)) as (DocumentText & { docid: number })[];
  return new Map(rows.map(({ docid, name, body }) => [docid, { name, body }]));
}

/** Drops the triggers that queue documents for re-indexing; the returned function puts them back. */
export function suspendSearchTriggers(db: Db): () => void {
  const triggers = db.$client.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'`).all() as { name: string; sql: string }[];
  for (const { name } of triggers) db.$client.exec(`DROP TRIGGER "${name}"`);
  return () => {
    for (const { sql: text } of triggers) db.$client.exec(text);
  };
}

// FTS5's own default (FTS5_DEFAULT_HASHSIZE in fts5_config.c).
const FTS5_DEFAULT_HASHSIZE = 1024 * 1024;

/**
 * How many bytes of new terms each world gathers in memory before writing them out as a segment.
 * A rebuild raises it, for fewer, larger segments and less merging (the index's writes took a
 * fifth less time at 100k records; at a million the difference was lost in the noise), and puts
 * the default back.
 */
export function setPendingTermsLimit(db: Db, bytes: number | 'default'): void {
  for (const world of searchWorlds) {
    // As a BigInt, so it is bound as an integer: FTS5 refuses a real.
    prepared(db, `INSERT INTO ${tableOf[world]} (${tableOf[world]}, rank) VALUES ('hashsize', ?)`).run(BigInt(bytes === 'default' ? FTS5_DEFAULT_HASHSIZE : bytes));
  }
}

export function clearIndex(db: Db): void {
  for (const world of searchWorlds) prepared(db, `INSERT INTO ${tableOf[world]} (${tableOf[world]}) VALUES ('delete-all')`).run();
  prepared(db, `DELETE FROM search_texts`).run();
  prepared(db, `DELETE FROM search_queue`).run();
}

export function takeQueued(db: Db, limit: number): number[] {
  const docids = prepared(db, `SELECT docid FROM search_queue ORDER BY docid LIMIT ?`).pluck().all(limit) as number[];
  if (docids.length > 0) prepared(db, `DELETE FROM search_queue WHERE docid IN (SELECT value FROM json_each(?))`).run(JSON.stringify(docids));
  return docids;
}

export function queueDocuments(db: Db, docids: readonly number[]): void {
  if (docids.length > 0) prepared(db, `INSERT OR IGNORE INTO search_queue (docid) SELECT value FROM json_each(?)`).run(JSON.stringify(docids));
}

export function countQueued(db: Db): number {
  return prepared(db, `SELECT COUNT(*) FROM search_queue`).pluck().get() as number;
}

export function hasQueued(db: Db): boolean {
  return prepared(db, `SELECT EXISTS (SELECT 1 FROM search_queue)`).pluck().get() === 1;
}

/** Docids in the full world matching an FTS5 expression (already safe: built from word keys). */
export function fullWorldMatches(db: Db, expression: string): number[] {
  return prepared(db, `SELECT rowid FROM search_full WHERE search_full MATCH ?`).pluck().all(expression) as number[];
}

export function searchState(db: Db): { namesVersion: number; names: string[] } {
  const rows = prepared(db, `SELECT key, value FROM search_state`).all() as { key: string; value: string }[];
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  return { namesVersion: Number(value('protected-names-version') ?? -1), names: JSON.parse(value('protected-names') ?? '[]') as string[] };
}

export function saveSearchState(db: Db, state: { namesVersion: number; names: readonly string[] }): void {
  const save = prepared(db, `INSERT INTO search_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  save.run('protected-names-version', String(state.namesVersion));
  save.run('protected-names', JSON.stringify(state.names));
}

// ---- Searching ----

export interface HitSelection {
  readonly world: SearchWorld;
  /** An FTS5 expression built from word keys only (server/search/query.ts). */
  readonly expression: string;
  readonly kinds?: readonly SearchKind[];
  /** Conditions on `incidents` (db/queries/incidents.ts); with any, only incidents are hits. */
  readonly incidentConditions: readonly SQL[];
}

function hitsFrom(selection: HitSelection): SQL {
  const table = sql.raw(tableOf[selection.world]);
  const conditions: SQL[] = [sql`${table} MATCH ${selection.expression}`];
  if (selection.kinds?.length) conditions.push(sql`${table}.rowid % 8 IN (${sql.join(selection.kinds.map((kind) => sql`${searchKinds.indexOf(kind)}`), sql`, `)})`);
  if (selection.incidentConditions.length === 0) return sql`FROM ${table} WHERE ${sql.join(conditions, sql` AND `)}`;
  conditions.push(sql`${table}.rowid % 8 = 0`, ...selection.incidentConditions);
  return sql`FROM ${table} JOIN ${incidents} ON ${incidents.id} = ${table}.rowid / 8 WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** One page of hits, best first (bm25, a record's name weighing more than its text). */
export function hitsByRelevance(db: Db, selection: HitSelection, page: { offset: number; limit: number }): number[] {
  const table = sql.raw(tableOf[selection.world]);
  return allRows<{ docid: number }>(db, sql`SELECT ${table}.rowid AS docid ${hitsFrom(selection)} ORDER BY bm25(${table}, 4.0, 1.0), ${table}.rowid DESC LIMIT ${page.limit} OFFSET ${page.offset}`).map(
    (row) => row.docid,
  );
}

/** One page of hits, newest record first: cheap however many documents match. */
export function hitsByRecency(db: Db, selection: HitSelection, page: { beforeDocid?: number; limit: number }): number[] {
  const table = sql.raw(tableOf[selection.world]);
  const before = page.beforeDocid === undefined ? sql`` : sql` AND ${table}.rowid < ${page.beforeDocid}`;
  return allRows<{ docid: number }>(db, sql`SELECT ${table}.rowid AS docid ${hitsFrom(selection)}${before} ORDER BY ${table}.rowid DESC LIMIT ${page.limit}`).map((row) => row.docid);
}

/** How many documents of a world match, counting no further than `cap` (a cheap walk of the first matches). */
export function countMatches(db: Db, world: SearchWorld, expression: string, cap: number): number {
  return prepared(db, `SELECT COUNT(*) FROM (SELECT 1 FROM ${tableOf[world]} WHERE ${tableOf[world]} MATCH ? LIMIT ?)`).pluck().get(expression, cap) as number;
}

/** Facet counts over every hit: by kind, and for incident hits by act type, place, year and status. */
export function hitFacets(db: Db, selection: HitSelection) {
  const table = sql.raw(tableOf[selection.world]);
  const from = hitsFrom(selection);
  const kinds = allRows<{ kind: number; hits: number }>(db, sql`SELECT ${table}.rowid % 8 AS kind, COUNT(*) AS hits ${from} GROUP BY 1 ORDER BY 1`);
  const incidentHits = sql`SELECT ${table}.rowid / 8 AS id ${from} AND ${table}.rowid % 8 = 0`;
  const actTypes = allRows<{ actType: ActType; hits: number }>(
    db,
    sql`SELECT act_type AS actType, COUNT(*) AS hits FROM incident_act_types WHERE incident_id IN (${incidentHits}) GROUP BY act_type ORDER BY hits DESC, act_type`,
  );
  const places = allRows<{ id: number; name: string; hits: number }>(
    db,
    sql`SELECT l.id, l.name, COUNT(*) AS hits FROM incident_locations il JOIN locations l ON l.id = il.location_id WHERE il.incident_id IN (${incidentHits}) GROUP BY l.id ORDER BY hits DESC, l.id LIMIT 20`,
  );
  const years = allRows<{ year: string; hits: number }>(
    db,
    sql`SELECT substr(date_earliest, 1, 4) AS year, COUNT(*) AS hits FROM incidents WHERE id IN (${incidentHits}) AND substr(date_earliest, 1, 4) = substr(date_latest, 1, 4) GROUP BY 1 ORDER BY 1`,
  );
  const statuses = allRows<{ corroboration: Corroboration; disputed: number; hits: number }>(db, sql`
    SELECT CASE WHEN origins = 0 THEN 'unsourced' WHEN origins = 1 THEN 'single-source' ELSE 'corroborated' END AS corroboration, disputed, COUNT(*) AS hits
    FROM (SELECT ${supportingOriginsSql('incident', sql`i.id`)} AS origins, ${disputedSql('incident', sql`i.id`)} AS disputed FROM incidents i WHERE i.id IN (${incidentHits}))
    GROUP BY 1, 2`);
  return { kinds: kinds.map((row) => ({ kind: searchKinds[row.kind]!, hits: row.hits })), actTypes, places, years, statuses };
}
