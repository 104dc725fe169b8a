/**
 * `npm run verify`: proves the audit trail has not been altered since it was written, by
 * recomputing every entry's hash along the chain, and that every evidence file is present and
 * unaltered, by re-hashing it. Names every problem; exits non-zero if there is one.
 */
import { SingleBar } from 'cli-progress';
import { existsSync } from 'node:fs';
import { openDb } from '../db/client.js';
import { verifyAuditChain } from '../db/queries/audit.js';
import { loadConfig } from '../server/config.js';
import { EvidenceStore } from '../server/evidence/store.js';
import { verifyEvidence } from '../server/evidence/verify.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) {
    console.error(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder to verify.`);
    return 2;
  }
  const db = openDb(config.dbPath);
  try {
    let failed = false;
    const chain = verifyAuditChain(db, (checked) => process.stderr.write(`  checked ${checked} audit entries\r`));
    if (chain.intact) console.log(`audit chain intact: ${chain.entries} entries, head ${chain.head}`);
    else {
      console.error(`audit chain BROKEN at entry ${chain.brokenAt}: ${chain.reason}. ${chain.entries} entries before it are intact.`);
      failed = true;
    }

    const bar = new SingleBar({ format: '  re-hashing evidence {bar} {value}/{total} files', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
    bar.start(0, 0);
    const report = await verifyEvidence(db, new EvidenceStore(config.evidenceDir), (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.stop();
    for (const { id, sha256 } of report.missing) console.error(`evidence ${id} MISSING: no file ${sha256}`);
    for (const { id, sha256, actual } of report.altered) console.error(`evidence ${id} ALTERED: file ${sha256} now hashes to ${actual}`);
    for (const path of report.unreferenced) console.error(`UNREFERENCED file in the evidence folder: ${path}`);
    const problems = report.missing.length + report.altered.length + report.unreferenced.length;
    if (problems === 0) console.log(`evidence intact: ${report.checked} files re-hashed`);
    else failed = true;
    return failed ? 1 : 0;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
