/**
 * One moment of the database for an export: a read-only connection of its own in one read
 * transaction, so every part of an export describes the same moment and the main connection
 * stays free while a slow reader consumes it.
 */
import type { Db } from '../../../db/client.js';
import { openReader } from '../../../db/client.js';

export interface Snapshot {
  readonly db: Db;
  /** Ends the read transaction. Safe to call twice. */
  close(): void;
}

export function openSnapshot(db: Db): Snapshot {
  // An in-memory database has no file a second connection could open.
  if (db.$client.memory) return { db, close: () => {} };
  const reader = openReader(db.$client.name);
  reader.$client.exec('BEGIN');
  // A read transaction starts at its first read, not at BEGIN: read now, so the moment is this one.
  reader.$client.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
  return { db: reader, close: () => reader.$client.open && reader.$client.close() };
}
