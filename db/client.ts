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
 * otherwise cascade-delete child rows; they are checked afterwards and then switched on.
 */
export function openDb(path: string): Db {
  const client = new Database(path);
  try {
    client.pragma('journal_mode = WAL');
    // FULL: a write acknowledged to a researcher survives a power cut, not only a crash.
    client.pragma('synchronous = FULL');
    client.pragma('busy_timeout = 5000');
    client.pragma('foreign_keys = OFF');
    client.function('fold', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? fold(value) : value,
    );
    const db = drizzle({ client, schema });
    migrate(db, { migrationsFolder });
    const broken = client.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new Error(`database has ${broken.length} rows whose foreign keys point nowhere after migration`);
    }
    client.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}
