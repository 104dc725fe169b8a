/**
 * Restores a backup bag (scripts/backup/back-up.ts) into an empty data folder: the whole bag is
 * proven first, then the database and the evidence files are copied in (evidence through the
 * evidence store: temporary file, hash while copying, fsync, rename), then the same checks as
 * `npm run verify` run on the result.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BagError, tagValue } from '../../exports/bagit.js';
import { validateBag, type PayloadFile } from '../../server/bag/read-bag.js';
import type { Config } from '../../server/config.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { verifyDataDir } from '../verify/data-dir.js';
import { DATABASE_PATH, evidencePath } from './back-up.js';
import { copyFileDurably } from './bag-dir.js';
import type { Progress } from './progress.js';

/** Restore refused or failed; the message says why, and whether anything was left in the data folder. */
export class RestoreError extends Error {}

export interface RestoreSummary {
  readonly evidenceFiles: number;
  readonly auditHead: string;
  /** The verify checks passed and the audit head is the one the backup recorded. */
  readonly verified: boolean;
}

/** Holds nothing the restore could overwrite or mix with the backup. Creates nothing. */
async function assertEmptyTarget(dataDir: string): Promise<boolean> {
  const stats = await stat(dataDir).catch(() => undefined);
  if (!stats) return false;
  if (!stats.isDirectory()) throw new RestoreError(`${dataDir} is not a folder; nothing was restored.`);
  if ((await readdir(dataDir)).length > 0) {
    throw new RestoreError(`${dataDir} is not empty; restore only into an empty data folder, so nothing in it is overwritten or mixed with the backup. Move it away or set CASEBOOK_DATA_DIR to a new folder. Nothing was restored.`);
  }
  return true;
}

/** The payload must be exactly a Casebook backup's: the database, and evidence files each named by its own hash. */
function casebookPayload(payload: readonly PayloadFile[]): { database: PayloadFile; evidence: PayloadFile[] } {
  const database = payload.find((file) => file.path === DATABASE_PATH);
  if (!database) throw new BagError(`${DATABASE_PATH} is not in the bag`);
  const evidence = payload.filter((file) => file !== database);
  for (const file of evidence) {
    if (file.path !== evidencePath(file.sha256)) throw new BagError(`${file.path} is neither the database nor an evidence file stored under its own SHA-256`);
  }
  return { database, evidence };
}

async function copyIn(bagDir: string, config: Pick<Config, 'dbPath' | 'evidenceDir'>, files: { database: PayloadFile; evidence: PayloadFile[] }, progress: Progress): Promise<void> {
  progress.start('restoring', [files.database, ...files.evidence].reduce((sum, file) => sum + file.size, 0));
  // Hashed again while copying: the bag could have changed since it was validated.
  const database = await copyFileDurably(join(bagDir, DATABASE_PATH), config.dbPath, progress.add);
  if (database.sha256 !== files.database.sha256) throw new RestoreError(`${DATABASE_PATH} changed while it was being restored`);
  const store = new EvidenceStore(config.evidenceDir);
  for (const file of files.evidence) {
    const received = await store.receive(createReadStream(join(bagDir, file.path)), Number.MAX_SAFE_INTEGER);
    progress.add(received.size);
    if (received.sha256 !== file.sha256) {
      await store.discard(received);
      throw new RestoreError(`${file.path} changed while it was being restored`);
    }
    await store.commit(received);
  }
  progress.stop();
}

/**
 * Restores `bagDir` into `config.dataDir`, which must be empty or absent. Writes nothing there
 * unless the whole bag is valid; if copying fails, removes what it wrote.
 */
export async function restore(bagDir: string, config: Pick<Config, 'dataDir' | 'dbPath' | 'evidenceDir'>, progress: Progress): Promise<RestoreSummary> {
  const existed = await assertEmptyTarget(config.dataDir);
  let files: ReturnType<typeof casebookPayload>;
  let recordedHead: string | undefined;
  try {
    const bag = await validateBag(bagDir, progress.add, (total) => progress.start('validating the backup', total));
    progress.stop();
    files = casebookPayload(bag.payload);
    recordedHead = tagValue(bag.info, 'Casebook-Audit-Head');
    if (!recordedHead) throw new BagError('bag-info.txt has no Casebook-Audit-Head');
  } catch (error) {
    progress.stop();
    if (error instanceof BagError) throw new RestoreError(`The backup at ${bagDir} is not valid: ${error.message}. Nothing was restored.`);
    throw error;
  }

  await mkdir(config.dataDir, { recursive: true });
  try {
    await copyIn(bagDir, config, files, progress);
  } catch (error) {
    progress.stop();
    // The folder was empty before: everything in it now is this restore's.
    if (existed) for (const name of await readdir(config.dataDir)) await rm(join(config.dataDir, name), { recursive: true, force: true });
    else await rm(config.dataDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new RestoreError(`The restore failed while copying (${reason}); what it had copied was removed.`);
  }

  const verdict = await verifyDataDir(config);
  const sameHead = verdict.auditHead === recordedHead;
  if (verdict.auditHead !== undefined && !sameHead) console.error(`the restored audit chain ends at ${verdict.auditHead}, but the backup recorded ${recordedHead}`);
  return { evidenceFiles: files.evidence.length, auditHead: recordedHead, verified: verdict.ok && sameHead };
}
