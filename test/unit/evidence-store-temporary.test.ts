/**
 * What a start clears from the evidence store's temporary folder (server/evidence/store.ts):
 * unfinished uploads, and the folder a bundle import was unpacking into when it was stopped.
 * A real store in a temporary folder; nothing is faked.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceStore } from '../../server/evidence/store.js';

describe('the evidence store at start', () => {
  it('when an upload and a bundle import were cut short, then both are removed and counted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-store-'));
    try {
      const store = new EvidenceStore(dir);
      writeFileSync(join(store.tmpDir, 'upload.part'), 'half a file');
      mkdirSync(join(store.tmpDir, 'bundle-1', 'data', 'evidence'), { recursive: true });
      writeFileSync(join(store.tmpDir, 'bundle-1', 'data', 'evidence', 'x.jpg'), 'half a bag');

      assert.equal(store.cleanTemporary(), 2);
      assert.deepEqual(readdirSync(store.tmpDir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
