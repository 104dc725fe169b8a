/**
 * The audit trail: an entry per write in the same transaction, append-only in the database
 * itself, and `npm run verify` finding a change to any field of any entry made behind
 * Casebook's back with the sqlite3 command line.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, aSource } from '../helpers/factories.js';

const root = join(import.meta.dirname, '../..');

function verify(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir }, encoding: 'utf8' });
}

describe('the audit trail', () => {
  let cb: TestCasebook;
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  it('records who changed what, before and after, and shows a record its history', async () => {
    const place = await aLocation(cb, { name: 'Argun' });
    const incident = await anIncident(cb, { title: 'First wave', locations: [place.id] });
    await cb.patch(`/api/v1/incidents/${incident.id}`, { title: 'First wave of detentions' });
    const history = (await cb.get(`/api/v1/incidents/${incident.id}/history`)).body.items;
    assert.deepEqual(history.map((e: { action: string }) => e.action), ['create', 'update']);
    const [created, updated] = history;
    assert.equal(created.actor.name, 'test-researcher');
    assert.equal(created.before, null);
    assert.deepEqual(created.after.locationIds, [place.id]);
    assert.equal(updated.before.title, 'First wave');
    assert.equal(updated.after.title, 'First wave of detentions');
    assert.equal((await cb.delete(`/api/v1/incidents/${incident.id}`)).status, 204);
    const afterDeletion = (await cb.get(`/api/v1/incidents/${incident.id}/history`)).body.items;
    assert.equal(afterDeletion.length, 3, 'a deleted record keeps its history');
    assert.equal((await cb.get('/api/v1/incidents/99999/history')).status, 404);
    const all = (await cb.as('admin').get('/api/v1/audit?kind=incidents')).body.items;
    assert.equal(all.at(-1).action, 'delete');
    assert.equal(all.at(-1).after, null);
    assert.equal(all.at(-1).before.title, 'First wave of detentions');
  });

  it('a refused write leaves no entry', async () => {
    const before = (await cb.as('admin').get('/api/v1/audit?limit=500')).body.items.length;
    await cb.post('/api/v1/incidents', { title: 'x', actTypes: ['nope'], date: '2017' });
    await cb.as('journalist').post('/api/v1/incidents', { title: 'x', actTypes: ['torture'], date: '2017' });
    assert.equal((await cb.as('admin').get('/api/v1/audit?limit=500')).body.items.length, before);
  });

  it('the database itself refuses to change or remove an entry', async () => {
    await anIncident(cb);
    assert.throws(() => cb.db.$client.prepare(`UPDATE audit_entries SET actor_name = 'someone else'`).run(), /append-only/);
    assert.throws(() => cb.db.$client.prepare('DELETE FROM audit_entries').run(), /append-only/);
  });

  describe('npm run verify', () => {
    let dataDir: string;
    before(function () {
      if (spawnSync('sqlite3', ['-version']).status !== 0) throw new Error('the sqlite3 command line is needed (apt-get install sqlite3)');
    });
    beforeEach(async () => {
      const source = await aSource(cb);
      const incident = await anIncident(cb, { summary: 'Men were held in Argun.' });
      await aCitation(cb, source, { kind: 'incident', id: incident.id });
      await cb.patch(`/api/v1/incidents/${incident.id}`, { victims: { min: 100, max: null } });
      dataDir = mkdtempSync(join(tmpdir(), 'casebook-verify-'));
      cb.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(cb.dbPath, join(dataDir, 'casebook.db'));
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('reports an intact chain with its length and head', () => {
      const result = verify(dataDir);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^audit chain intact: \d+ entries, head [0-9a-f]{64}$/m);
    });

    const fields: [string, string][] = [
      ['at', `'2000-01-01T00:00:00.000Z'`],
      ['actor_user_id', '999'],
      ['actor_name', `'someone else'`],
      ['action', `'tampered'`],
      ['record_kind', `'persons'`],
      ['record_id', 'record_id + 1'],
      ['before', `'{"title":"x"}'`],
      ['after', `replace(after, 'Argun', 'Argum')`],
      ['prev_hash', `'${'0'.repeat(64)}'`],
      ['hash', `'${'f'.repeat(64)}'`],
    ];
    for (const [field, value] of fields) {
      it(`finds ${field} of one entry changed with the sqlite3 command line, and names that entry`, () => {
        const db = join(dataDir, 'casebook.db');
        // The last entry: the incident's update, whose after-state mentions Argun.
        const target = Number(execFileSync('sqlite3', [db, 'SELECT max(id) FROM audit_entries;']).toString());
        const changed = execFileSync('sqlite3', [db, `DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET ${field} = ${value} WHERE id = ${target}; SELECT total_changes();`]);
        assert.equal(changed.toString().trim(), '1', 'the command line changed the entry');
        const result = verify(dataDir);
        assert.equal(result.status, 1, `${field}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, new RegExp(`BROKEN at entry ${target}\\b`));
      });
    }

    it('finds an entry removed from the middle', () => {
      execFileSync('sqlite3', [join(dataDir, 'casebook.db'), 'DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE id = 2;']);
      const result = verify(dataDir);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /BROKEN at entry 3: entry 2 is missing/);
    });
  });
});
