/**
 * `npm run export -- csv …` and `geojson …` as a person at a terminal would run them, in a child
 * process against the founding case on disk: every file written, parsed back by Python's csv
 * module, the receipt beside them, a progress bar on stderr. Nothing is faked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { asRole } from '../server/viewer.js';

const root = join(import.meta.dirname, '..');
const exportCli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir }, encoding: 'utf8' });

const csvRows = (file: string) =>
  JSON.parse(execFileSync('python3', ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', file]).toString()) as string[][];

describe('npm run export -- csv | geojson', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-export-cli-'));
    const db = openDb(join(dir, 'casebook.db'));
    loadFoundingCase({ db, now: () => new Date() }, asRole('researcher'), () => {});
    db.$client.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('csv all --profile public --out writes one file per kind and the withheld receipt, with a progress bar on stderr', () => {
    const out = join(dir, 'public');
    const run = exportCli(dir, 'csv', 'all', '--profile', 'public', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /incidents .*\d+\/\d+/);
    assert.deepEqual(readdirSync(out).sort(), ['alternative-names.csv', 'citations.csv', 'incidents.csv', 'involvements.csv', 'locations.csv', 'organisations.csv', 'persons.csv', 'posts.csv', 'sources.csv', 'withheld.json']);
    for (const file of readdirSync(out).filter((name) => name.endsWith('.csv'))) {
      assert.deepEqual([...readFileSync(join(out, file)).subarray(0, 3)], [0xef, 0xbb, 0xbf], file);
      assert.ok(csvRows(join(out, file))[0]!.includes('id'), file);
    }
    assert.ok(csvRows(join(out, 'incidents.csv')).length > 8);
    const receipt = JSON.parse(readFileSync(join(out, 'withheld.json'), 'utf8'));
    assert.equal(receipt.profile, 'public');
    assert.equal(typeof receipt.withheld['restricted sources left out'], 'number');
  });

  it('geojson --profile partner writes a FeatureCollection to stdout; a wrong kind or profile is refused with the reason', () => {
    const run = exportCli(dir, 'geojson', '--profile', 'partner');
    assert.equal(run.status, 0, run.stderr);
    const map = JSON.parse(run.stdout);
    assert.equal(map.type, 'FeatureCollection');
    assert.ok(map.features.length > 0);
    const wrongKind = exportCli(dir, 'csv', 'victims', '--profile', 'public');
    assert.notEqual(wrongKind.status, 0);
    assert.match(wrongKind.stderr, /no record kind "victims"/);
    const wrongProfile = exportCli(dir, 'csv', 'incidents', '--profile', 'everyone');
    assert.notEqual(wrongProfile.status, 0);
    assert.match(wrongProfile.stderr, /internal, partner, public/);
  });

  it('--where selects incidents and the records they reach, with the progress bar; a bad --where is refused with the field named and nothing written', () => {
    const out = join(dir, 'killings');
    const run = exportCli(dir, 'csv', 'all', '--profile', 'public', '--where', 'act=killing', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /incidents .*\d+\/\d+/);
    const [header, ...killings] = csvRows(join(out, 'incidents.csv'));
    assert.ok(killings.length > 0);
    assert.ok(killings.every((row) => row[header!.indexOf('act_types')]!.includes('killing')));
    const db = openDb(join(dir, 'casebook.db'));
    const incidents = (db.$client.prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number }).n;
    db.$client.close();
    assert.ok(killings.length < incidents, 'fewer than every incident');

    for (const [args, field] of [
      [['csv', 'all', '--profile', 'public', '--where', 'colour=red', '--out', join(dir, 'refused')], 'colour'],
      [['geojson', '--profile', 'public', '--where', 'incident=abc', '--out', join(dir, 'refused.geojson')], 'incident'],
    ] as const) {
      const refused = exportCli(dir, ...args);
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, new RegExp(`--where .*${field}`));
    }
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('refused')), []);
  });
});
