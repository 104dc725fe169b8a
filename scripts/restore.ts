/**
 * `npm run restore -- <dir>`: restores a backup made by `npm run backup` into the data folder
 * (CASEBOOK_DATA_DIR), which must be empty. Validates the whole bag first and writes nothing if
 * it is not valid; afterwards runs the checks of `npm run verify`. Exits 0 when the restored data
 * verifies, 1 when it was restored but does not verify, 2 when nothing was restored.
 */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../server/config.js';
import { progressBar } from './backup/progress.js';
import { restore, RestoreError } from './backup/restore-bag.js';

async function run(dir: string): Promise<number> {
  const config = loadConfig(process.env);
  const summary = await restore(resolve(dir), config, progressBar());
  console.log(`restored ${summary.evidenceFiles} evidence files and the database into ${config.dataDir}`);
  if (summary.verified) {
    console.log(`restore verified: audit chain head ${summary.auditHead}, as recorded in the backup`);
    return 0;
  }
  console.error('The restored data does NOT verify (see above); keep the backup and look into it before using this data folder.');
  return 1;
}

const program = new Command('restore')
  .description('Restore a backup made by npm run backup into an empty data folder (CASEBOOK_DATA_DIR).')
  .argument('<dir>', 'the backup (a BagIt bag)')
  .action(async (dir: string) => {
    try {
      process.exitCode = await run(dir);
    } catch (error) {
      console.error(error instanceof RestoreError ? error.message : `The restore could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    }
  });

await program.parseAsync();
