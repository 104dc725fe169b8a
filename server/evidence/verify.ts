/**
 * Proves the evidence folder holds exactly the files the database references, each still
 * hashing to the SHA-256 it is stored under.
 */
import type { Db } from '../../db/client.js';
import { sha256OfFile, type EvidenceStore } from './store.js';

export interface EvidenceReport {
  readonly checked: number;
  readonly missing: { id: number; sha256: string }[];
  readonly altered: { id: number; sha256: string; actual: string }[];
  readonly unreferenced: string[];
}

export async function verifyEvidence(db: Db, store: EvidenceStore, onProgress: (done: number, total: number, bytes: number) => void): Promise<EvidenceReport> {
  const rows = db.$client.prepare('SELECT id, sha256, size FROM evidence ORDER BY id').all() as { id: number; sha256: string; size: number }[];
  const report: EvidenceReport = { checked: 0, missing: [], altered: [], unreferenced: [] };
  const known = new Set<string>();
  let done = 0;
  for (const row of rows) {
    known.add(row.sha256);
    if (!store.has(row.sha256)) report.missing.push({ id: row.id, sha256: row.sha256 });
    else {
      const actual = await sha256OfFile(store.pathOf(row.sha256));
      if (actual !== row.sha256) report.altered.push({ id: row.id, sha256: row.sha256, actual });
    }
    done++;
    onProgress(done, rows.length, row.size);
  }
  for (const file of store.storedFiles()) {
    if (!known.has(file.sha256)) report.unreferenced.push(store.pathOf(file.sha256));
  }
  return { ...report, checked: done };
}
