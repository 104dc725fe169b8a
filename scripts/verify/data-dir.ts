/**
 * The checks behind `npm run verify`, shared with `npm run restore`: SQLite's checks of the
 * database file, the audit chain recomputed entry by entry, and every evidence file re-hashed.
 * Prints what it finds (results on stdout, problems and progress on stderr); changes nothing.
 */
import { SingleBar } from 'cli-progress';
import { openDb } from '../../db/client.js';
import { databaseProblems } from '../../db/consistency.js';
import { verifyAuditChain } from '../../db/queries/audit.js';
import type { Config } from '../../server/config.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { verifyEvidence } from '../../server/evidence/verify.js';

export interface Verdict {
  readonly ok: boolean;
  /** The audit chain's head hash when the chain is intact. */
  readonly auditHead?: string;
}

export async function verifyDataDir(config: Pick<Config, 'dbPath' | 'evidenceDir'>): Promise<Verdict> {
  const db = openDb(config.dbPath);
  try {
    let ok = true;
    let auditHead: string | undefined;
    process.stderr.write('  checking the database file: every page, index and foreign key\n');
    const damage = databaseProblems(db);
    for (const problem of damage) console.error(`database DAMAGED: ${problem}`);
    if (damage.length === 0) console.log('database intact: every page, index and foreign key checked');
    else {
      console.error('The database file is damaged: restore it from a backup (npm run restore), and keep this copy for inspection.');
      ok = false;
    }
    const chain = verifyAuditChain(db, (checked) => process.stderr.write(`  checked ${checked} audit entries\r`));
    if (chain.intact) {
      console.log(`audit chain intact: ${chain.entries} entries, head ${chain.head}`);
      auditHead = chain.head;
    } else {
      console.error(`audit chain BROKEN at entry ${chain.brokenAt}: ${chain.reason}. ${chain.entries} entries before it are intact.`);
      ok = false;
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
    else ok = false;
    return { ok, auditHead };
  } finally {
    db.$client.close();
  }
}
