/**
 * The durability settings README promises, read back from a real database file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../db/client.js';

describe('database durability settings', () => {
  let dir: string;
  let db: Db;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-settings-'));
    db = openDb(join(dir, 'casebook.db'));
  });
  after(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a database is opened, then it runs WAL with synchronous FULL, foreign keys, a busy timeout, bounded automatic checkpoints and a 32 MiB page cache', () => {
    const value = (pragma: string) => db.$client.pragma(pragma, { simple: true });
    assert.equal(value('journal_mode'), 'wal');
    assert.equal(value('synchronous'), 2, 'FULL');
    assert.equal(value('foreign_keys'), 1);
    assert.equal(value('busy_timeout'), 5000);
    assert.equal(value('wal_autocheckpoint'), 1000);
    assert.equal(value('journal_size_limit'), 64 * 1024 ** 2);
    assert.equal(value('cache_size'), -32 * 1024, 'a 32 MiB page cache, for ranking searches');
  });
});
