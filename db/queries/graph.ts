/**
 * The whole record graph, row by row: read in dependency order for an export (one row in memory
 * at a time), and written back through prepared statements for an import. Accounts, sessions,
 * tokens and the audit trail are not part of the graph.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import {
  alternativeNames,
  citations,
  evidence,
  evidenceIncidents,
  incidentActTypes,
  incidentLocations,
  incidents,
  involvements,
  locations,
  organisations,
  persons,
  posts,
  sources,
  type Evidence,
  type Incident,
} from '../schema.js';

/** Every table whose rows make up the graph, parents before the rows that point at them. */
export const graphTables = {
  locations,
  organisations,
  persons,
  alternativeNames,
  sources,
  incidents,
  incidentActTypes,
  incidentLocations,
  posts,
  involvements,
  citations,
  evidence,
  evidenceIncidents,
} as const;

export type GraphTable = keyof typeof graphTables;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads rows one at a time with the table's column keys and value mapping (booleans), as
 * drizzle's own select would return them; drizzle has no row iterator for better-sqlite3.
 */
function* iterateRows<T extends SQLiteTable, Extra extends object = object>(
  db: Db,
  table: T,
  query: { from?: string; where?: string; orderBy: string; extra?: Record<keyof Extra, string> },
): Generator<T['$inferSelect'] & Extra> {
  const name = quote(getTableName(table));
  const columns = Object.entries(getTableColumns(table));
  const select = [
    ...columns.map(([key, column]) => `${name}.${quote(column.name)} AS ${quote(key)}`),
    ...Object.entries<string>(query.extra ?? {}).map(([key, expression]) => `${expression} AS ${quote(key)}`),
  ];
  const text = `SELECT ${select.join(', ')} FROM ${query.from ?? name}${query.where ? ` WHERE ${query.where}` : ''} ORDER BY ${query.orderBy}`;
  const mapped = columns.filter(([, column]) => column.columnType === 'SQLiteBoolean');
  for (const row of db.$client.prepare(text).iterate() as Iterable<Record<string, unknown>>) {
    for (const [key, column] of mapped) if (row[key] !== null) row[key] = column.mapFromDriverValue(row[key]);
    yield row as T['$inferSelect'] & Extra;
  }
}

/** A hierarchy read parents first (by depth, then id), since a parent may have been created after its child. */
function* treeRows<T extends typeof locations | typeof organisations>(db: Db, table: T): Generator<T['$inferSelect']> {
  const name = quote(getTableName(table));
  yield* iterateRows(db, table, {
    from: `(WITH RECURSIVE tree(tree_id, depth) AS (SELECT id, 0 FROM ${name} WHERE parent_id IS NULL
            UNION ALL SELECT t.id, tree.depth + 1 FROM ${name} t JOIN tree ON t.parent_id = tree.tree_id) SELECT * FROM tree)
           JOIN ${name} ON ${name}.id = tree_id`,
    orderBy: `depth, ${name}.id`,
  });
}

export type IncidentWithLinks = Incident & { actTypes: string; locationIds: string };
export type EvidenceWithLinks = Evidence & { incidentIds: string };

/**
 * The graph's rows in dependency order, each table streamed in one statement. Link rows travel
 * with their owner as JSON arrays. Call inside one read transaction for a consistent snapshot.
 */
export function graphRows(db: Db) {
  return {
    locations: () => treeRows(db, locations),
    organisations: () => treeRows(db, organisations),
    persons: () => iterateRows(db, persons, { orderBy: 'id' }),
    alternativeNames: () => iterateRows(db, alternativeNames, { orderBy: 'id' }),
    // Originals first: a relay always points at an original.
    sources: function* () {
      yield* iterateRows(db, sources, { where: 'repeats_source_id IS NULL', orderBy: 'id' });
      yield* iterateRows(db, sources, { where: 'repeats_source_id IS NOT NULL', orderBy: 'id' });
    },
    incidents: () =>
      iterateRows<typeof incidents, { actTypes: string; locationIds: string }>(db, incidents, {
        orderBy: 'id',
        extra: {
          actTypes: '(SELECT json_group_array(act_type ORDER BY act_type) FROM incident_act_types a WHERE a.incident_id = incidents.id)',
          locationIds: '(SELECT json_group_array(location_id ORDER BY location_id) FROM incident_locations l WHERE l.incident_id = incidents.id)',
        },
      }),
    posts: () => iterateRows(db, posts, { orderBy: 'id' }),
    involvements: () => iterateRows(db, involvements, { orderBy: 'id' }),
    citations: () => iterateRows(db, citations, { orderBy: 'id' }),
    // Originals first: a safe copy points at the item it was made from.
    evidence: function* () {
      const extra = { incidentIds: '(SELECT json_group_array(incident_id ORDER BY incident_id) FROM evidence_incidents l WHERE l.evidence_id = evidence.id)' };
      yield* iterateRows<typeof evidence, { incidentIds: string }>(db, evidence, { where: 'derived_from_id IS NULL', orderBy: 'id', extra });
      yield* iterateRows<typeof evidence, { incidentIds: string }>(db, evidence, { where: 'derived_from_id IS NOT NULL', orderBy: 'id', extra });
    },
  };
}

export function countGraphRows(db: Db): Record<GraphTable, number> {
  const counts = {} as Record<GraphTable, number>;
  for (const [key, table] of Object.entries(graphTables) as [GraphTable, SQLiteTable][]) {
    counts[key] = db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${table}`)!.n;
  }
  return counts;
}

type Insert<T extends SQLiteTable> = (row: T['$inferSelect']) => void;

/**
 * A prepared INSERT of every column, ids included; the row must name them all. Columns and their
 * mapping come from the drizzle table, but the statement is better-sqlite3's own: drizzle's
 * prepared `run` spends about 2 µs a row filling placeholders, a third of the insert itself.
 * Values are bound by position, from one array refilled for each row (`run` copies them at once).
 */
function preparedInsert<T extends SQLiteTable>(db: Db, table: T): Insert<T> {
  const columns = Object.entries(getTableColumns(table));
  const statement = db.$client.prepare(
    `INSERT INTO ${quote(getTableName(table))} (${columns.map(([, column]) => quote(column.name)).join(', ')}) ` +
      `VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const keys = columns.map(([key]) => key);
  const toDriver = columns.map(([, column]) => (column.columnType === 'SQLiteBoolean' ? column : null));
  const values: unknown[] = new Array(keys.length);
  return (row) => {
    const fields = row as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const value = fields[keys[i]!];
      // Bound by position, a missing value would quietly become NULL.
      if (value === undefined) throw new Error(`${getTableName(table)} row without ${keys[i]}`);
      values[i] = value !== null && toDriver[i] ? toDriver[i]!.mapToDriverValue(value) : value;
    }
    statement.run(values);
  };
}

/** Inserts for every graph table, prepared once; run them inside the caller's transaction. */
export function prepareGraphInserts(db: Db): { [K in GraphTable]: Insert<(typeof graphTables)[K]> } {
  return Object.fromEntries(Object.entries(graphTables).map(([key, table]) => [key, preparedInsert(db, table)])) as {
    [K in GraphTable]: Insert<(typeof graphTables)[K]>;
  };
}
