/**
 * SQLite's own checks of a Casebook database, for `npm run verify`: the file's structure and every
 * index against its table (integrity_check), and every foreign key resolving (foreign_key_check,
 * which openDb runs only after a migration). Problems come as sentences naming tables, indexes and
 * row ids, never a row's values.
 */
import type { Db } from './client.js';

/** Past this many, problems are counted rather than listed: one damaged table can break millions of rows. */
const LISTED = 20;

export function databaseProblems(db: Db): string[] {
  const structure = (db.$client.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).filter((line) => line !== 'ok');
  const keys = db.$client.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  const problems = [...structure, ...keys.slice(0, LISTED).map(({ table, rowid, parent }) => `${table} ${rowid === null ? 'has a row that' : `row ${rowid}`} refers to a row of ${parent} that does not exist`)];
  if (keys.length > LISTED) problems.push(`and ${keys.length - LISTED} more rows whose foreign keys point nowhere`);
  return problems;
}
