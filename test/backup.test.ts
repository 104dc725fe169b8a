/**
 * `npm run backup` and `npm run restore` as child processes, against a real Casebook serving the
 * founding case and real evidence files from a temporary folder. Nothing is faked. The bags are
 * checked with Debian's `sha256sum` and `sqlite3` as independent tools, and tampered with by hand.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { openDb } from '../db/client.js';
import { verifyAuditChain } from '../db/queries/audit.js';
import { EvidenceStore } from '../server/evidence/store.js';
import { receiveUpload, storeUpload } from '../server/services/evidence.js';
import { asRole } from '../server/viewer.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { startCasebook, type TestCasebook } from './helpers/casebook.js';
import { anIncident } from './helpers/factories.js';
import { fixture, listing, sha256, uploadRaw } from './helpers/files.js';

const root = join(import.meta.dirname, '..');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an npm script's file as `npm run` would (through tsx), without blocking the server in this process. */
function cli(script: 'backup' | 'restore' | 'verify' | 'demo', args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const tagValue = (bag: string, label: string) => new RegExp(`^${label}: (.*)$`, 'm').exec(readFileSync(join(bag, 'bag-info.txt'), 'utf8'))?.[1];

/** Every row of every table, as sorted JSON lines: two databases hold the same records when these are equal. */
function everyRow(db: Database.Database): Record<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value))).sort()]),
  );
}

/** Evidence files by path under the evidence folder, with the hash of their bytes. */
function evidenceHashes(evidenceDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const prefix of readdirSync(evidenceDir).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    for (const name of readdirSync(join(evidenceDir, prefix))) out[`${prefix}/${name}`] = sha256(readFileSync(join(evidenceDir, prefix, name)));
  }
  return out;
}

function payloadOxum(bag: string): string {
  const files = listing(join(bag, 'data')).map((line) => Number(line.split(' ').at(-1)));
  return `${files.reduce((sum, size) => sum + size, 0)}.${files.length}`;
}

describe('npm run backup and npm run restore', function () {
  // Each step starts a child process through tsx: seconds each on a busy machine.
  this.timeout(60_000);
  let cb: TestCasebook;
  let work: string;
  let bag: string;
  before(async () => {
    for (const tool of ['sha256sum', 'sqlite3']) {
      if (spawnSync(tool, ['--version']).status !== 0) throw new Error(`${tool} is needed to check the bags independently (apt-get install coreutils sqlite3; .ci/run does)`);
    }
    cb = await startCasebook();
    loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => {});
    const [incident] = (await cb.get('/api/v1/incidents?limit=1')).body.items;
    for (const name of ['gps.jpg', 'plain.jpg']) assert.equal((await uploadRaw(cb, name, fixture(name), `?incident=${incident.id}&protected=true`)).status, 201);
    assert.equal((await uploadRaw(cb, 'note.png', fixture('text-location.png'))).status, 201);
    work = mkdtempSync(join(tmpdir(), 'casebook-backup-'));
    bag = join(work, 'bag');
  });
  after(async () => {
    await cb.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('when Casebook runs, then the backup is a BagIt bag that sha256sum, Payload-Oxum and sqlite3 confirm, with the audit head', async () => {
    const run = await cli('backup', [bag], cb.dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /evidence: 3 files, 3 copied \(\d+ bytes\), 0 already in the backup/);
    assert.match(run.stderr, /backing up evidence/, 'a progress bar on stderr');

    assert.equal(statSync(bag).mode & 0o777, 0o700, 'only its owner may read a new backup');
    assert.equal(readFileSync(join(bag, 'bagit.txt'), 'utf8'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const sums = spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
    assert.equal(sums.status, 0, sums.stdout + sums.stderr);
    assert.equal(sums.stdout.trim().split('\n').length, 4 + 3);
    assert.equal(tagValue(bag, 'Payload-Oxum'), payloadOxum(bag));
    assert.equal(tagValue(bag, 'Bagging-Date'), new Date().toISOString().slice(0, 10));
    const chain = verifyAuditChain(cb.db);
    assert.ok(chain.intact);
    assert.equal(tagValue(bag, 'Casebook-Audit-Head'), chain.head);
    for (const name of ['gps.jpg', 'plain.jpg']) {
      const hash = sha256(fixture(name));
      assert.ok(existsSync(join(bag, 'data', 'evidence', hash.slice(0, 2), hash)));
    }
    const integrity = spawnSync('sqlite3', [join(bag, 'data', 'casebook.sqlite'), 'PRAGMA integrity_check;'], { encoding: 'utf8' });
    assert.equal(integrity.stdout.trim(), 'ok');
    assert.deepEqual(readdirSync(join(bag, 'data')).sort(), ['casebook.sqlite', 'evidence'], 'no temporary or journal file is left in the bag');
  });

  it('when backing up into the same bag again, then only the new evidence file is copied, and the database and manifests are rewritten', async () => {
    const oldFiles = Object.keys(evidenceHashes(join(bag, 'data', 'evidence')));
    const mtimes = oldFiles.map((path) => statSync(join(bag, 'data', 'evidence', path)).mtimeMs);
    const dbBefore = statSync(join(bag, 'data', 'casebook.sqlite')).mtimeMs;
    const added = fixture('garbage-exif.jpg');
    assert.equal((await uploadRaw(cb, 'more.jpg', added)).status, 201);

    const run = await cli('backup', [bag], cb.dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /evidence: 4 files, 1 copied \(\d+ bytes\), 3 already in the backup/);
    assert.deepEqual(oldFiles.map((path) => statSync(join(bag, 'data', 'evidence', path)).mtimeMs), mtimes, 'old evidence files were not written again');
    assert.ok(statSync(join(bag, 'data', 'casebook.sqlite')).mtimeMs > dbBefore);
    assert.ok(existsSync(join(bag, 'data', 'evidence', sha256(added).slice(0, 2), sha256(added))));
    assert.equal(spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'], { cwd: bag }).status, 0);
    assert.equal(tagValue(bag, 'Payload-Oxum'), payloadOxum(bag));
    assert.equal(tagValue(bag, 'Casebook-Audit-Head'), (verifyAuditChain(cb.db) as { head: string }).head);
  });

  it('when restoring into a folder that does not exist yet, then verify passes and every row and every evidence hash is the same', async () => {
    const target = join(work, 'restored');
    const run = await cli('restore', [bag], target);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /restore verified: audit chain head [0-9a-f]{64}, as recorded in the backup/);
    assert.match(run.stdout, /evidence intact: 4 files re-hashed/, 'the checks of npm run verify ran');
    assert.match(run.stderr, /validating the backup/);

    const verify = await cli('verify', [], target);
    assert.equal(verify.status, 0, verify.stderr);
    const restored = new Database(join(target, 'casebook.db'), { readonly: true });
    try {
      assert.deepEqual(everyRow(restored), everyRow(cb.db.$client));
    } finally {
      restored.close();
    }
    assert.deepEqual(evidenceHashes(join(target, 'evidence')), evidenceHashes(cb.evidenceDir));
    for (const [path, hash] of Object.entries(evidenceHashes(join(target, 'evidence')))) assert.equal(path.split('/')[1], hash);
    assert.deepEqual(readdirSync(join(target, 'evidence', 'tmp')), []);
  });

  describe('refusals: nothing is written to the data folder', () => {
    let target: string;
    let copy: string;
    beforeEach(() => {
      target = join(mkdtempSync(join(work, 'target-')), 'data');
      copy = mkdtempSync(join(work, 'copy-'));
      cpSync(bag, copy, { recursive: true });
    });

    async function refused(pattern: RegExp) {
      const run = await cli('restore', [copy], target);
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.match(run.stderr, pattern);
      assert.match(run.stderr, /Nothing was restored/);
      assert.ok(!existsSync(target), 'the data folder was not even created');
    }
    const anEvidenceFile = () => join(copy, 'data', 'evidence', ...listing(join(copy, 'data', 'evidence'))[0]!.split(' ')[0]!.split('/'));
    const addToManifest = (line: string) => writeFileSync(join(copy, 'manifest-sha256.txt'), readFileSync(join(copy, 'manifest-sha256.txt'), 'utf8') + line);

    it('when the data folder is not empty, then restore refuses and leaves it as it was', async () => {
      mkdirSync(target);
      writeFileSync(join(target, 'notes.txt'), 'mine');
      const run = await cli('restore', [copy], target);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /is not empty; restore only into an empty data folder/);
      assert.deepEqual(listing(target), ['notes.txt 4']);
    });

    it('when a file was altered (same size, other bytes), then restore names it', async () => {
      const file = anEvidenceFile();
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(0) ^ 0xff, 0);
      writeFileSync(file, bytes);
      await refused(/data\/evidence\/[0-9a-f]{2}\/[0-9a-f]{64} does not match its hash in manifest-sha256.txt/);
    });

    it('when a file is missing, then restore names it', async () => {
      rmSync(anEvidenceFile());
      await refused(/data\/evidence\/[0-9a-f]{2}\/[0-9a-f]{64} is listed in manifest-sha256.txt but missing from the bag/);
    });

    it('when a file was added, then Payload-Oxum or the manifest gives it away', async () => {
      writeFileSync(join(copy, 'data', 'extra.txt'), 'x');
      await refused(/data\/extra.txt is in the bag but not in manifest-sha256.txt/);
    });

    it('when the manifest names ../../x, then restore refuses the path as leaving the bag', async () => {
      addToManifest(`${'a'.repeat(64)}  ../../x\n`);
      await refused(/manifest-sha256.txt line \d+: the path "..\/..\/x" leaves the bag/);
    });

    it('when the manifest names an absolute path, then restore refuses it', async () => {
      addToManifest(`${'a'.repeat(64)}  /etc/passwd\n`);
      await refused(/the path "\/etc\/passwd" is absolute/);
    });

    it('when the bag holds a symbolic link, then restore refuses it', async () => {
      const file = anEvidenceFile();
      rmSync(file);
      symlinkSync('/etc/hostname', file);
      await refused(/is a symbolic link; a bag holds only files and folders/);
    });

    it('when bag-info.txt was edited, then the tag manifest gives it away', async () => {
      writeFileSync(join(copy, 'bag-info.txt'), readFileSync(join(copy, 'bag-info.txt'), 'utf8').replace(/Casebook-Audit-Head: \w+/, `Casebook-Audit-Head: ${'0'.repeat(64)}`));
      await refused(/bag-info.txt does not match its hash in tagmanifest-sha256.txt/);
    });

    it('when bagit.txt is missing, then it is not a bag', async () => {
      rmSync(join(copy, 'bagit.txt'));
      await refused(/bagit.txt is missing/);
    });
  });

  it('when a backup was interrupted, then restore refuses the bag and the next backup finishes it', async () => {
    const broken = mkdtempSync(join(work, 'interrupted-'));
    cpSync(bag, broken, { recursive: true });
    // What a run stopped half way leaves: no manifests, and a temporary file beside the database.
    rmSync(join(broken, 'manifest-sha256.txt'));
    rmSync(join(broken, 'tagmanifest-sha256.txt'));
    writeFileSync(join(broken, 'data', 'casebook.sqlite.0d1c.part'), 'half a snapshot');
    const refused = await cli('restore', [broken], join(work, 'never'));
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /manifest-sha256.txt is missing \(a bag whose writing was interrupted has none\)/);
    assert.ok(!existsSync(join(work, 'never')));

    const again = await cli('backup', [broken], cb.dir);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, / 0 copied /);
    assert.match(again.stdout, /removed 1 files that are not part of this backup/);
    assert.equal(spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'], { cwd: broken }).status, 0);
  });

  it('when the backup folder holds other files, then backup refuses to write there', async () => {
    const elsewhere = mkdtempSync(join(work, 'not-a-bag-'));
    writeFileSync(join(elsewhere, 'thesis.txt'), 'years of work');
    const run = await cli('backup', [elsewhere], cb.dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not empty and is not an earlier Casebook backup/);
    assert.deepEqual(listing(elsewhere), ['thesis.txt 13']);
  });

  it('when writes go on during the backup, then the bag holds one consistent moment: its audit head restores and verifies', async () => {
    const during = join(work, 'during');
    const backup = cli('backup', [during], cb.dir);
    let writes = 0;
    let finished = false;
    void backup.then(() => (finished = true));
    while (!finished && writes < 200) {
      await anIncident(cb);
      writes++;
    }
    const run = await backup;
    assert.equal(run.status, 0, run.stderr);
    assert.ok(writes > 0);
    const restored = await cli('restore', [during], join(work, 'restored-during'));
    assert.equal(restored.status, 0, restored.stdout + restored.stderr);
  });
});

describe('the restore drill: demo data, backup, delete the data folder, restore, verify', function () {
  this.timeout(120_000);
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'casebook-drill-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('when the data folder is lost, then the backup brings back every record and evidence file', async () => {
    const data = join(work, 'data');
    const demo = await cli('demo', [], data);
    assert.equal(demo.status, 0, demo.stderr);
    // Evidence through the same service the upload route uses.
    const db = openDb(join(data, 'casebook.db'));
    const store = new EvidenceStore(join(data, 'evidence'));
    const ctx = { db, now: () => new Date(), store, maxUploadBytes: 1024 ** 2, freeSpace: { paths: [data], minFreeBytes: 0 } };
    for (const name of ['gps.jpg', 'plain.jpg']) {
      const received = await receiveUpload(ctx, Readable.from([fixture(name)]));
      await storeUpload(ctx, asRole('researcher'), received, { fileName: name, description: 'drill', incident: [1], protected: true });
    }
    const before = everyRow(db.$client);
    db.$client.close();

    const backup = await cli('backup', [join(work, 'bag')], data);
    assert.equal(backup.status, 0, backup.stderr);
    rmSync(data, { recursive: true });
    const restore = await cli('restore', [join(work, 'bag')], data);
    assert.equal(restore.status, 0, restore.stdout + restore.stderr);
    const verify = await cli('verify', [], data);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /evidence intact: 2 files re-hashed/);
    const restored = new Database(join(data, 'casebook.db'), { readonly: true });
    try {
      assert.deepEqual(everyRow(restored), before);
    } finally {
      restored.close();
    }
  });
});
