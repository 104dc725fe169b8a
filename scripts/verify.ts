/**
 * `npm run verify`: proves the audit trail has not been altered since it was written, by
 * recomputing every entry's hash along the chain. Exits non-zero naming the first bad entry.
 */
import { existsSync } from 'node:fs';
import { openDb } from '../db/client.js';
import { verifyAuditChain } from '../db/queries/audit.js';
import { loadConfig } from '../server/config.js';

function main(): number {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) {
    console.error(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder to verify.`);
    return 2;
  }
  const db = openDb(config.dbPath);
  try {
    const result = verifyAuditChain(db, (checked) => process.stderr.write(`  checked ${checked} audit entries\r`));
    if (result.intact) {
      console.log(`audit chain intact: ${result.entries} entries, head ${result.head}`);
      return 0;
    }
    console.error(`audit chain BROKEN at entry ${result.brokenAt}: ${result.reason}. ${result.entries} entries before it are intact.`);
    return 1;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
