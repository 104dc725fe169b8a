/** What every export subcommand shares: the database of the settings, and the admin it acts as. */
import { existsSync } from 'node:fs';
import { openDb } from '../../db/client.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { ServiceContext } from '../../server/services/context.js';
import { asRole } from '../../server/viewer.js';

export const commandLine = asRole('admin');

/** Opens the database named by the settings for `work` and closes it after; refuses to create one. */
export async function withDb(work: (ctx: ServiceContext, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) throw new Error(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder.`);
  const db = openDb(config.dbPath);
  try {
    await work({ db, now: () => new Date() }, config);
  } finally {
    db.$client.close();
  }
}
