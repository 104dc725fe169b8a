/**
 * Migrations against real SQLite files: applied to a database that already holds data, checked
 * for drift from the schema, and checked for the table rebuilds that silently lose data.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openDb } from '../../db/client.js';
import { asRole } from '../../server/viewer.js';
import { createIncident } from '../../server/services/incidents.js';
import { createLocation } from '../../server/services/locations.js';
import { incidentCreate } from '../../server/schemas/incidents.js';
import { locationCreate } from '../../server/schemas/places.js';
import { contentDigest } from '../helpers/snapshot.js';

const migrations = join(import.meta.dirname, '../../db/migrations');

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when applied again to a database holding data, then every row is kept and the foreign keys hold', () => {
    const path = join(dir, 'casebook.db');
    const ctx = { db: openDb(path), now: () => new Date('2026-01-01T00:00:00Z') };
    const researcher = asRole('researcher');
    const argun = createLocation(ctx, researcher, locationCreate.parse({ name: 'Argun', kind: 'settlement' }));
    createIncident(ctx, researcher, incidentCreate.parse({ title: 'Secret prison', actTypes: ['torture'], date: '2016-12', locations: [argun.id] }));
    const before = contentDigest(ctx.db);
    ctx.db.$client.close();

    const reopened = openDb(path);
    assert.equal(contentDigest(reopened), before);
    assert.deepEqual(reopened.$client.pragma('foreign_key_check'), []);
    assert.equal(reopened.$client.pragma('integrity_check', { simple: true }), 'ok');
    reopened.$client.close();
  });

  it('no migration rebuilds a table (drizzle-kit rebuilds cascade-delete child rows); write those by hand', () => {
    for (const file of readdirSync(migrations).filter((name) => name.endsWith('.sql'))) {
      assert.doesNotMatch(readFileSync(join(migrations, file), 'utf8'), /__new_/, `${file} rebuilds a table`);
    }
  });

  it('the committed migrations match db/schema.ts exactly', function () {
    this.timeout(60_000);
    const out = join(dir, 'migrations');
    cpSync(migrations, out, { recursive: true });
    // drizzle-kit reads only .ts/.js configs and prefixes paths with './', so they are given relative to the root.
    const root = join(import.meta.dirname, '../..');
    const config = join(dir, 'drizzle.config.ts');
    writeFileSync(config, `export default ${JSON.stringify({ dialect: 'sqlite', schema: './db/schema.ts', out: relative(root, out) })};`);
    const output = execFileSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config], { encoding: 'utf8', cwd: root });
    assert.match(output, /No schema changes/, `schema changed without a migration; run npm run db:generate\n${output}`);
  });
});
