import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { fold } from './fold.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens (creating if needed) the database at `path` (or ':memory:') and brings it to the latest
 * migration. Foreign keys are off while migrating, because drizzle-kit's table rebuilds would
 * otherwise cascade-delete child rows; they are checked after a migration and then switched on.
 */
export function openDb(path: string): Db {
  const client = new Database(path);
  try {
    client.pragma('journal_mode = WAL');
    // FULL: a write acknowledged to a researcher survives a power cut, not only a crash.
    client.pragma('synchronous = FULL');
    client.pragma('busy_timeout = 5000');
    // Checkpoints stay automatic: the commit that takes the WAL past ~1000 pages (4 MiB) copies it
    // back, measured at 10–20 ms once per few hundred commits. A timer on this thread would block
    // the same event loop; a worker thread's checkpoints did not lower p99 (the flush is one disk's).
    client.pragma('wal_autocheckpoint = 1000');
    // A big import grows the WAL file; after the next complete checkpoint it is cut back to 64 MiB.
    client.pragma('journal_size_limit = 67108864');
    // Ranking a search's matches reads each one's document size from all over the index. At a
    // million records, with SQLite's default 2 MB page cache, a rare name's 1,700 matches took
    // 3.1 ms to rank; with 32 MiB, 2.1 ms (16 MiB: no gain; 64 MiB: none more). Pages fill it
    // only as they are read.
    client.pragma('cache_size = -32768');
    client.pragma('foreign_keys = OFF');
    client.function('fold', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? fold(value) : value,
    );
    const db = drizzle({ client, schema });
    const applied = appliedMigrations(client);
    migrate(db, { migrationsFolder });
    // Checked only after a migration ran: the check reads every row (about 2 s at every start at
    // a million incidents), and with foreign keys on, nothing Casebook writes can break them.
    // `npm run verify` checks them every time, for what else may have.
    if (appliedMigrations(client) !== applied) {
      const broken = client.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(`database has ${broken.length} rows whose foreign keys point nowhere after migration`);
      }
    }
    client.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}

/** How many migrations drizzle has recorded as applied (none before the first). */
function appliedMigrations(client: Database.Database): number {
  const recorded = client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get() !== undefined;
  return recorded ? (client.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
}

/**
 * Proves the database can take a write now: takes SQLite's write lock and lets it go, changing
 * nothing. It fails on a read-only connection or while another process holds the lock past the
 * busy timeout; a full or read-only disk is what the readiness check's other probes catch.
 */
export function probeWritable(db: Db): void {
  db.$client.exec('BEGIN IMMEDIATE; ROLLBACK');
}

/**
 * Runs `work`, which may await, in one write transaction: taken at once (IMMEDIATE, so nothing can
 * slip in before its first statement), committed when `work` resolves, rolled back when it throws.
 * better-sqlite3's own transactions cannot span an await. Nothing else may use the connection
 * meanwhile: its statements would join this transaction.
 */
export async function inWriteTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.$client.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
    throw error;
  }
}

/**
 * A second, read-only connection to the file at `path`, for a long read that streams at its
 * reader's pace (an export): inside its own transaction it sees one snapshot, while the main
 * connection stays free to answer and write. Not for ':memory:' databases.
 */
export function openReader(path: string): Db {
  const client = new Database(path, { readonly: true, fileMustExist: true });
  client.pragma('busy_timeout = 5000');
  return drizzle({ client, schema });
}
