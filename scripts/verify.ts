/**
 * `npm run verify`: proves the audit trail has not been altered since it was written, by
 * recomputing every entry's hash along the chain, and that every evidence file is present and
 * unaltered, by re-hashing it. Names every problem; exits non-zero if there is one.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../server/config.js';
import { verifyDataDir } from './verify/data-dir.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) {
    console.error(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder to verify.`);
    return 2;
  }
  return (await verifyDataDir(config)).ok ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
