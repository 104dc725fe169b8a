/**
 * Which rows would stop a delete. Read off the schema's foreign keys, so a table added later is
 * covered without touching this file: RESTRICT references block; CASCADE children are parts of
 * the record and are followed, since something may reference them in turn (a citation of a
 * person's alternative name blocks deleting the person).
 */
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import * as schema from '../schema.js';

export interface Referrer {
  /** Table of the referring records, as named in the API (`incidents`, `citations`). */
  readonly kind: string;
  readonly count: number;
  /** Up to 20 of their ids. */
  readonly ids: number[];
}

const tables: SQLiteTable[] = Object.values(schema).filter((value) => is(value, SQLiteTable));
const EXAMPLES = 20;

interface Link {
  readonly from: SQLiteTable;
  readonly column: string;
  readonly cascade: boolean;
}

function linksInto(target: SQLiteTable): Link[] {
  const links: Link[] = [];
  for (const table of tables) {
    for (const fk of getTableConfig(table).foreignKeys) {
      const reference = fk.reference();
      const [column] = reference.columns;
      if (reference.foreignTable === target && column) {
        links.push({ from: table, column: column.name, cascade: fk.onDelete === 'cascade' });
      }
    }
  }
  return links;
}

/** A link table has no id of its own: it is reported as the record it is part of. */
function reportedAs(table: SQLiteTable): { kind: string; idColumn: string } {
  const config = getTableConfig(table);
  if (config.columns.some((column) => column.name === 'id')) return { kind: config.name, idColumn: 'id' };
  const owner = config.foreignKeys.find((fk) => fk.onDelete === 'cascade')?.reference();
  const ownerColumn = owner?.columns[0];
  if (!owner || !ownerColumn) throw new Error(`table ${config.name} has neither an id nor an owner`);
  return { kind: getTableName(owner.foreignTable), idColumn: ownerColumn.name };
}

function jsonIds(ids: readonly number[]) {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

export function findReferrers(db: Db, table: SQLiteTable, id: number): Referrer[] {
  const found = new Map<string, { count: number; ids: Set<number> }>();
  const visit = (target: SQLiteTable, targetIds: readonly number[]) => {
    for (const link of linksInto(target)) {
      const from = sql.identifier(getTableName(link.from));
      const column = sql.identifier(link.column);
      if (link.cascade) {
        const hasId = getTableConfig(link.from).columns.some((c) => c.name === 'id');
        if (!hasId) continue;
        const partIds = db.all<{ id: number }>(sql`SELECT id FROM ${from} WHERE ${column} IN ${jsonIds(targetIds)}`).map((row) => row.id);
        if (partIds.length > 0) visit(link.from, partIds);
        continue;
      }
      const { kind, idColumn } = reportedAs(link.from);
      const rows = db.all<{ id: number }>(
        sql`SELECT DISTINCT ${sql.identifier(idColumn)} AS id FROM ${from} WHERE ${column} IN ${jsonIds(targetIds)} ORDER BY 1`,
      );
      if (rows.length === 0) continue;
      const entry = found.get(kind) ?? { count: 0, ids: new Set<number>() };
      for (const row of rows) entry.ids.add(row.id);
      entry.count = entry.ids.size;
      found.set(kind, entry);
    }
  };
  visit(table, [id]);
  return [...found].map(([kind, { count, ids }]) => ({ kind, count, ids: [...ids].slice(0, EXAMPLES) }));
}

/** The ids among `ids` that have no row in `table`. */
export function missingIds(db: Db, table: SQLiteTable, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const name = sql.identifier(getTableName(table));
  const present = new Set(
    db.all<{ id: number }>(sql`SELECT id FROM ${name} WHERE id IN ${jsonIds(ids)}`).map((row) => row.id),
  );
  return ids.filter((candidate) => !present.has(candidate));
}
