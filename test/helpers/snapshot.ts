import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';

/**
 * A digest of every row of every table (schema included), so a test can prove a refused
 * request changed nothing. Logical rather than byte-level: a WAL checkpoint may rewrite pages
 * without changing a single row.
 */
export function contentDigest(db: Db): string {
  const hash = createHash('sha256');
  const objects = db.$client.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all() as { type: string; name: string; sql: string | null }[];
  for (const table of objects) {
    hash.update(`${table.type} ${table.name}\n${table.sql ?? ''}\n`);
    if (table.type !== 'table') continue;
    for (const row of db.$client.prepare(`SELECT * FROM "${table.name.replace(/"/g, '""')}" ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
