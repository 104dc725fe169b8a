/**
 * Reading and writing one row by id, for every table that has an integer `id`. The casts are
 * confined here: drizzle cannot infer a generic table's row type through `select()`.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';

// `any` rows: the helpers below restore each table's own row type through their generic parameter.
type TableWithId = SQLiteTable & { id: SQLiteColumn; $inferSelect: any; $inferInsert: any };

export function getRow<T extends TableWithId>(db: Db, table: T, id: number): T['$inferSelect'] | undefined {
  return db.select().from(table as SQLiteTable).where(eq(table.id, id)).get() as T['$inferSelect'] | undefined;
}

export function insertRow<T extends TableWithId>(db: Db, table: T, values: T['$inferInsert']): T['$inferSelect'] {
  return db.insert(table as SQLiteTable).values(values).returning().get() as T['$inferSelect'];
}

export function updateRow<T extends TableWithId>(db: Db, table: T, id: number, values: Partial<T['$inferInsert']>): T['$inferSelect'] {
  return db.update(table as SQLiteTable).set(values).where(eq(table.id, id)).returning().get() as T['$inferSelect'];
}

export function deleteRow(db: Db, table: TableWithId, id: number): void {
  db.delete(table).where(eq(table.id, id)).run();
}

/** One page in id order after `afterId`, under the given conditions. */
export function pageRows<T extends TableWithId>(
  db: Db,
  table: T,
  conditions: SQL[],
  page: { afterId?: number; limit: number },
): T['$inferSelect'][] {
  const all = page.afterId === undefined ? conditions : [...conditions, gt(table.id, page.afterId)];
  return db.select().from(table as SQLiteTable).where(and(...all)).orderBy(asc(table.id)).limit(page.limit).all() as T['$inferSelect'][];
}
