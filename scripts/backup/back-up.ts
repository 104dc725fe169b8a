/**
 * A backup of a Casebook data folder, taken while Casebook runs, as a BagIt bag:
 *
 *   bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
 *   data/casebook.sqlite                     one consistent snapshot of the database
 *   data/evidence/<first two hex>/<sha256>   every evidence file that snapshot references
 *
 * The snapshot is one read transaction (VACUUM INTO), so it never sees half a write; evidence
 * files are placed before the rows that name them are committed and are never changed, so every
 * file the snapshot references is on disk. Backing up into an earlier backup copies only the
 * evidence files it lacks (each one already there is re-hashed, not trusted).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openReader } from '../../db/client.js';
import { auditHead, GENESIS_HASH } from '../../db/queries/audit.js';
import { evidenceFiles } from '../../db/queries/evidence.js';
import { parseTagFile, tagValue, type TagFields } from '../../exports/bagit.js';
import { hashFile, listFiles, type PayloadFile } from '../../server/bag/read-bag.js';
import type { Config } from '../../server/config.js';
import { syncDirectory } from '../../server/files/new-file.js';
import { copyFileDurably, replaceDurably, writeTagFiles } from './bag-dir.js';
import type { Progress } from './progress.js';

export const AGENT = 'Casebook (npm run backup)';
export const DATABASE_PATH = 'data/casebook.sqlite';
export const evidencePath = (sha256: string) => `data/evidence/${sha256.slice(0, 2)}/${sha256}`;

/** The target cannot be used; nothing was written to it. */
export class BackupRefused extends Error {}

export interface BackupSummary {
  readonly databaseBytes: number;
  readonly auditEntries: number;
  readonly auditHead: string;
  readonly evidenceFiles: number;
  readonly copied: number;
  readonly copiedBytes: number;
  readonly alreadyThere: number;
  /** Files in the bag's data/ that are not part of this backup (left by an interrupted run, or no longer referenced), removed. */
  readonly removed: number;
  /** Evidence files missing or altered in the live evidence folder: left out of the bag and named here. */
  readonly problems: readonly string[];
}

/** Refuses a folder that holds anything but an earlier Casebook backup, so a mistyped path never has its files replaced. */
async function openTarget(bagDir: string): Promise<void> {
  // Only its owner may read a new backup: it holds protected names and evidence.
  await mkdir(bagDir, { recursive: true, mode: 0o700 });
  const entries = await readdir(bagDir);
  if (entries.length === 0) return;
  const info = entries.includes('bag-info.txt') ? parseTagFile(await readFile(join(bagDir, 'bag-info.txt'), 'utf8'), 'bag-info.txt') : [];
  if (!entries.includes('bagit.txt') || tagValue(info, 'Bag-Software-Agent') !== AGENT) {
    throw new BackupRefused(`${bagDir} is not empty and is not an earlier Casebook backup; give an empty or new folder, or an earlier backup to update.`);
  }
  // An interrupted run must leave a bag that says it is unfinished, not one whose hashes merely fail.
  const unfinished = entries.filter((name) => name.endsWith('.part'));
  for (const name of ['tagmanifest-sha256.txt', 'manifest-sha256.txt', ...unfinished]) await rm(join(bagDir, name), { force: true });
  await syncDirectory(bagDir);
}

interface Snapshot {
  readonly head: string;
  readonly entries: number;
  readonly files: { sha256: string; size: number }[];
  readonly sha256: string;
  readonly size: number;
}

/** Writes the snapshot to data/casebook.sqlite (temporary name, fsync, rename) and reads from it what the rest of the bag needs. */
function snapshotDatabase(dbPath: string, bagDir: string): Promise<Snapshot> {
  return replaceDurably(join(bagDir, DATABASE_PATH), async (temporary) => {
    // A read-only connection: the backup never writes to the live database, and never waits for its writers.
    const live = openReader(dbPath);
    try {
      // VACUUM INTO does not fsync its output; replaceDurably does.
      live.$client.prepare('VACUUM INTO ?').run(temporary);
    } finally {
      live.$client.close();
    }
    const copy = openReader(temporary);
    let read: Omit<Snapshot, 'sha256' | 'size'>;
    try {
      const head = auditHead(copy);
      read = { head: head?.hash ?? GENESIS_HASH, entries: head?.id ?? 0, files: evidenceFiles(copy) };
    } finally {
      copy.$client.close();
    }
    return { ...read, ...(await hashFile(temporary)) };
  });
}

/**
 * Backs up the data folder of `config` into `bagDir` (created if needed; an earlier backup there
 * is updated in place). Reads the live database and evidence folder only.
 */
export async function backUp(config: Pick<Config, 'dbPath' | 'evidenceDir'>, bagDir: string, progress: Progress, now = new Date()): Promise<BackupSummary> {
  if (!existsSync(config.dbPath)) throw new BackupRefused(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder to back up.`);
  await openTarget(bagDir);
  await listFiles(bagDir); // refuses a bag holding links before anything is written through one
  await mkdir(join(bagDir, 'data', 'evidence'), { recursive: true });

  progress.note('copying the database (one consistent snapshot)');
  const snapshot = await snapshotDatabase(config.dbPath, bagDir);
  const payload: PayloadFile[] = [{ path: DATABASE_PATH, sha256: snapshot.sha256, size: snapshot.size }];
  const inBag = new Set(await listFiles(bagDir, 'data'));
  const problems: string[] = [];
  let copied = 0;
  let copiedBytes = 0;
  let alreadyThere = 0;

  progress.start('backing up evidence', snapshot.files.reduce((sum, file) => sum + file.size, 0));
  for (const { sha256, size } of snapshot.files) {
    const path = evidencePath(sha256);
    const target = join(bagDir, path);
    if (inBag.has(path) && (await hashFile(target, progress.add)).sha256 === sha256) {
      alreadyThere++;
      payload.push({ path, sha256, size });
      continue;
    }
    const source = join(config.evidenceDir, sha256.slice(0, 2), sha256);
    if (!existsSync(source)) {
      problems.push(`evidence file ${sha256} is MISSING from the evidence folder; it is not in the backup`);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const copy = await copyFileDurably(source, target, progress.add);
    if (copy.sha256 !== sha256) {
      await rm(target, { force: true });
      problems.push(`evidence file ${sha256} is ALTERED in the evidence folder (it hashes to ${copy.sha256}); it is not in the backup`);
      continue;
    }
    copied++;
    copiedBytes += copy.size;
    payload.push({ path, sha256, size: copy.size });
  }
  progress.stop();

  const keep = new Set(payload.map((file) => file.path));
  const stale = (await listFiles(bagDir, 'data')).filter((path) => !keep.has(path));
  for (const path of stale) await rm(join(bagDir, path), { force: true });

  const info: TagFields = [
    ['Bag-Software-Agent', AGENT],
    ['External-Description', 'Backup of a Casebook data folder: data/casebook.sqlite is the SQLite database, data/evidence/<first two hex>/<sha256> the evidence files it references. Restore with npm run restore.'],
    ['Casebook-Audit-Entries', String(snapshot.entries)],
    ['Casebook-Audit-Head', snapshot.head],
    ['Casebook-Evidence-Files', String(payload.length - 1)],
  ];
  await writeTagFiles(bagDir, payload, info, now);
  return {
    databaseBytes: snapshot.size,
    auditEntries: snapshot.entries,
    auditHead: snapshot.head,
    evidenceFiles: snapshot.files.length,
    copied,
    copiedBytes,
    alreadyThere,
    removed: stale.length,
    problems,
  };
}
