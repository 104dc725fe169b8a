/**
 * `npm run export -- bundle` as a person at a terminal would run it, in a child process against
 * the founding case and an evidence photo on disk: the ZIP to a file (appearing only when whole)
 * and to stdout, read back with unzip and sha256sum -c, a progress bar on stderr. Nothing is faked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDb } from '../db/client.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { EvidenceStore } from '../server/evidence/store.js';
import { storeUpload } from '../server/services/evidence.js';
import { asRole } from '../server/viewer.js';
import { checkBag, filesUnder, unzipBundle } from './helpers/bag.js';
import { fixture } from './helpers/files.js';

const root = join(import.meta.dirname, '..');
const exportCli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024 });
const today = () => new Date().toISOString().slice(0, 10);

describe('npm run export -- bundle', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-bundle-cli-'));
    const db = openDb(join(dir, 'casebook.db'));
    const ctx = { db, now: () => new Date() };
    loadFoundingCase(ctx, asRole('researcher'), () => {});
    const store = new EvidenceStore(join(dir, 'evidence'));
    const received = await store.receive(Readable.from([fixture('gps.jpg')]), 1024 * 1024);
    await storeUpload({ ...ctx, store, maxUploadBytes: 1024 * 1024, freeSpace: { paths: [dir], minFreeBytes: 0 } }, asRole('researcher'), received, {
      fileName: 'hematoma.jpg',
      description: 'After release',
      protected: false,
      incident: [],
    });
    db.$client.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--profile partner --out writes a ZIP holding a valid bag, with a progress bar on stderr and no partial file left', () => {
    const out = join(dir, 'partner.zip');
    const run = exportCli(dir, 'bundle', '--profile', 'partner', '--out', out);
    assert.equal(run.status, 0, run.stderr.toString());
    assert.match(run.stderr.toString(), /bundle .*\d+\/\d+ files/);
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('partner')), ['partner.zip']);
    const bag = unzipBundle(readFileSync(out), join(dir, 'partner'), `casebook-partner-${today()}`);
    assert.equal(checkBag(bag).get('Casebook-Profile'), 'partner');
    assert.equal(filesUnder(join(bag, 'data/evidence')).length, 1);
    assert.equal(filesUnder(join(bag, 'data/csv')).length, 9);
  });

  it('without --out writes the public bundle to stdout (public is the default profile); an unknown profile is refused', () => {
    const run = exportCli(dir, 'bundle');
    assert.equal(run.status, 0, run.stderr.toString());
    const bag = unzipBundle(run.stdout, join(dir, 'stdout'), `casebook-public-${today()}`);
    assert.equal(checkBag(bag).get('Casebook-Profile'), 'public');
    const refused = exportCli(dir, 'bundle', '--profile', 'everyone', '--out', join(dir, 'x.zip'));
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr.toString(), /internal, partner, public/);
    assert.equal(existsSync(join(dir, 'x.zip')), false);
  });

  it('--where bundles a selection and bag-info says which; a bad --where is refused and leaves no file', () => {
    const out = join(dir, 'killings.zip');
    const run = exportCli(dir, 'bundle', '--profile', 'internal', '--where', 'act=killing', '--out', out);
    assert.equal(run.status, 0, run.stderr.toString());
    assert.match(run.stderr.toString(), /bundle .*\d+\/\d+ files/);
    const bag = unzipBundle(readFileSync(out), join(dir, 'killings'), `casebook-internal-${today()}`);
    assert.equal(checkBag(bag).get('Casebook-Selection'), JSON.stringify('act type: Killing'));
    assert.equal(filesUnder(join(bag, 'data')).filter((path) => path.startsWith('evidence/')).length, 0, 'the photo is linked to no incident');

    const refused = exportCli(dir, 'bundle', '--where', 'disputed=maybe', '--out', join(dir, 'refused.zip'));
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr.toString(), /--where .*disputed/);
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('refused')), []);
  });

  it('built by npm run build (as the bench runs it), writes the same public bag as from source, every CRC-32 and hash checked', () => {
    const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root });
    assert.equal(built.status, 0, built.stderr.toString());
    const bags = ['source', 'built'].map((how) => {
      const out = join(dir, `${how}.zip`);
      const run =
        how === 'built'
          ? spawnSync(process.execPath, ['dist/export.js', 'bundle', '--profile', 'public', '--out', out], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dir } })
          : exportCli(dir, 'bundle', '--profile', 'public', '--out', out);
      assert.equal(run.status, 0, run.stderr.toString());
      // unzip checks each entry's CRC-32, which the build computes with the crc-32 it patched.
      const bag = unzipBundle(readFileSync(out), join(dir, how), `casebook-public-${today()}`);
      assert.equal(checkBag(bag).get('Casebook-Profile'), 'public');
      return bag;
    });
    const [fromSource, fromBuild] = bags.map((bag) => filesUnder(bag!));
    assert.deepEqual(fromBuild, fromSource);
    assert.equal(fromBuild!.filter((path) => path.startsWith('data/evidence/')).length, 1, 'the photo, as the same stripped copy');
  });
});
