/**
 * `npm run verify` runs SQLite's own checks of the database: every page and index
 * (integrity_check) and every foreign key (foreign_key_check), which opening the database runs
 * only after a migration.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { incidentCreate } from '../../server/schemas/incidents.js';
import { locationCreate } from '../../server/schemas/places.js';
import { createIncident } from '../../server/services/incidents.js';
import { createLocation } from '../../server/services/locations.js';
import { asRole } from '../../server/viewer.js';

const root = join(import.meta.dirname, '../..');

describe('npm run verify: the database file', () => {
  let dataDir: string;
  let dbPath: string;
  let incidentIds: number[];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'casebook-verify-database-'));
    mkdirSync(join(dataDir, 'evidence'));
    dbPath = join(dataDir, 'casebook.db');
    const ctx = { db: openDb(dbPath), now: () => new Date('2026-01-01T00:00:00Z') };
    const researcher = asRole('researcher');
    const argun = createLocation(ctx, researcher, locationCreate.parse({ name: 'Argun', kind: 'settlement' }));
    incidentIds = ['2016-12', '2017-01/2017-03', '2017-02~'].map(
      (date) => createIncident(ctx, researcher, incidentCreate.parse({ title: `Detention ${date}`, actTypes: ['arbitrary-detention'], date, locations: [argun.id] })).id,
    );
    ctx.db.$client.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir }, encoding: 'utf8' });

  /** Changes the file behind Casebook's back, as damage or a hand edit would: with Debian's sqlite3, whose foreign keys are off and whose schema can be written. */
  const tamper = (sql: string) => execFileSync('sqlite3', [dbPath, `PRAGMA writable_schema = ON; ${sql};`]);

  it('passes a sound database and says what it checked', () => {
    const result = verify();
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^database intact: every page, index and foreign key checked$/m);
  });

  it('names each row whose foreign key points nowhere, though the database still opens', () => {
    tamper(`INSERT INTO incident_locations (incident_id, location_id) VALUES (${incidentIds[0]}, 424242)`);
    // No migration ran, so opening does not read every row to look for this.
    openDb(dbPath).$client.close();
    const result = verify();
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /^database DAMAGED: incident_locations row \d+ refers to a row of locations that does not exist$/m);
    assert.match(result.stderr, /restore it from a backup \(npm run restore\)/);
  });

  it('names an index that no longer matches its table', () => {
    // The index's definition now orders its entries differently from the entries it holds.
    tamper(`UPDATE sqlite_schema SET sql = 'CREATE INDEX incidents_date_idx ON incidents (date_latest, date_earliest)' WHERE name = 'incidents_date_idx'`);
    const result = verify();
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /^database DAMAGED: .*incidents_date_idx/m);
    assert.doesNotMatch(result.stdout, /database intact/);
  });
});
