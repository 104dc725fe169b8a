/**
 * `npm run backup -- <dir>`: a consistent backup of the data folder (CASEBOOK_DATA_DIR), taken
 * while Casebook runs, as a BagIt bag in <dir>. Into an earlier backup it copies only the evidence
 * files that are new. Results on stdout, progress and problems on stderr; exits 1 if an evidence
 * file could not be backed up, 2 if the backup could not be made.
 */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../server/config.js';
import { backUp, BackupRefused } from './backup/back-up.js';
import { progressBar } from './backup/progress.js';

async function run(dir: string): Promise<number> {
  const config = loadConfig(process.env);
  const bagDir = resolve(dir);
  const summary = await backUp(config, bagDir, progressBar());
  console.log(`backed up ${config.dataDir} to ${bagDir}`);
  console.log(`  database: ${summary.databaseBytes} bytes, audit chain head ${summary.auditHead} (${summary.auditEntries} entries)`);
  console.log(`  evidence: ${summary.evidenceFiles} files, ${summary.copied} copied (${summary.copiedBytes} bytes), ${summary.alreadyThere} already in the backup`);
  if (summary.removed > 0) console.log(`  removed ${summary.removed} files that are not part of this backup (left by an interrupted run, or no longer referenced)`);
  for (const problem of summary.problems) console.error(problem);
  if (summary.problems.length > 0) console.error('Run npm run verify on the data folder; the backup holds everything else.');
  return summary.problems.length > 0 ? 1 : 0;
}

const program = new Command('backup')
  .description('Back up the Casebook data folder (CASEBOOK_DATA_DIR) as a BagIt bag, while Casebook runs.')
  .argument('<dir>', 'folder for the bag: new, empty, or an earlier backup to update')
  .action(async (dir: string) => {
    try {
      process.exitCode = await run(dir);
    } catch (error) {
      console.error(error instanceof BackupRefused ? error.message : `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    }
  });

await program.parseAsync();
