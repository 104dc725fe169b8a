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
    // A virtual table's rows live in its shadow tables, which are hashed as tables of their own.
    if (table.type !== 'table' || table.sql?.startsWith('CREATE VIRTUAL TABLE')) continue;
    // A WITHOUT ROWID table (FTS5's shadow tables) is scanned in primary key order anyway.
    const order = /WITHOUT ROWID\s*$/i.test(table.sql ?? '') ? '' : ' ORDER BY rowid';
    for (const row of db.$client.prepare(`SELECT * FROM "${table.name.replace(/"/g, '""')}"${order}`).iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
