/**
 * Importing an export bundle (issue 7, item 6 and its bad input) over the API: POST /api/v1/graph
 * with a ZIP. Nothing is faked: real servers on temporary SQLite files and evidence folders; the
 * bundles are real ZIPs of real bags (test/helpers/bundle.ts) made from a Casebook holding the
 * founding case and records of every kind, some altered byte by byte to be hostile.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { asRole } from '../../server/viewer.js';
import { bagOf, declareSize, partsOf, payloadOf, renameEntry, TOP, zipOf, type BagFile, type ZipPart } from '../helpers/bundle.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { graphTableRows, plantEveryKind } from '../helpers/every-kind.js';
import { listing, sha256 } from '../helpers/files.js';
import { contentDigest } from '../helpers/snapshot.js';

async function postBundle(cb: TestCasebook, zip: Buffer, who: 'admin' | 'researcher' = 'admin') {
  const response = await fetch(`${cb.url}/api/v1/graph`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cb.account(who).token}`, 'content-type': 'application/zip' },
    body: new Blob([new Uint8Array(zip)]),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: JSON.parse(text), text };
}

const temporaryLeft = (cb: TestCasebook) => readdirSync(join(cb.evidenceDir, 'tmp'));

describe('importing an export bundle', () => {
  let source: TestCasebook;
  let payload: BagFile[];
  let parts: ZipPart[];
  const opened: TestCasebook[] = [];
  const anEmptyCasebook = async (options?: Parameters<typeof startCasebook>[0]) => {
    const cb = await startCasebook(options);
    opened.push(cb);
    return cb;
  };
  /** The bag's files with one replaced, for a bag whose manifests no longer match. */
  const withFile = (path: string, bytes: Buffer) => parts.map((part) => (part.name === `${TOP}/${path}` ? { ...part, bytes } : part));
  const evidencePath = () => payload.find((file) => file.path.startsWith('data/evidence/'))!.path;

  before(async () => {
    source = await startCasebook();
    loadFoundingCase({ db: source.db, now: () => new Date() }, asRole('researcher'), () => {});
    await plantEveryKind(source);
    payload = await payloadOf(source);
    parts = partsOf(bagOf(payload));
  });
  after(async () => {
    await Promise.all([source, ...opened].map((cb) => cb.close()));
  });

  it('when an internal bundle is imported into an empty Casebook, then it holds the same records and evidence files, with one audit entry naming the bundle', async () => {
    const target = await anEmptyCasebook();

    const response = await postBundle(target, await zipOf(parts));

    assert.equal(response.status, 201, response.text);
    const header = JSON.parse(payload[0]!.bytes.toString('utf8').split('\n')[0]!);
    assert.equal(response.body.imported.incident, header.counts.incident);
    assert.equal(response.body.evidenceFilesCopied, header.counts.evidence);
    assert.deepEqual(graphTableRows(target.db), graphTableRows(source.db));
    assert.deepEqual(listing(target.evidenceDir), listing(source.evidenceDir));
    for (const line of listing(target.evidenceDir)) {
      const path = line.split(' ')[0]!;
      assert.equal(sha256(readFileSync(join(target.evidenceDir, path))), path.split('/')[1], `${path} hashes to its name`);
    }
    assert.deepEqual(temporaryLeft(target), [], 'the unpacked bag and the received ZIP are gone');
    const audit = (await target.as('admin').get('/api/v1/audit?limit=500')).body.items;
    const imports = audit.filter((entry: { action: string }) => entry.action === 'import');
    assert.equal(imports.length, 1);
    assert.equal(imports[0].after.from.bundle, TOP);
    assert.equal(imports[0].after.from.auditHead, 'a'.repeat(64));
  });

  describe('when the bundle is bad, it is refused with the reason, and the database and the evidence folder stay as they were', () => {
    let target: TestCasebook;
    before(async () => {
      target = await anEmptyCasebook();
    });

    async function refused(zip: Buffer, status: number, reason: RegExp, cb = target) {
      const digest = contentDigest(cb.db);
      const files = listing(cb.evidenceDir);
      const response = await postBundle(cb, zip);
      assert.equal(response.status, status, response.text);
      assert.match(response.contentType, /^application\/problem\+json/);
      assert.match(response.body.detail, reason);
      assert.match(response.body.detail, /Nothing was imported\.$|Start a new data folder\.$/);
      assert.equal(contentDigest(cb.db), digest, 'the database is unchanged');
      assert.deepEqual(listing(cb.evidenceDir), files, 'the evidence folder is unchanged');
      assert.deepEqual(temporaryLeft(cb), [], 'no temporary file or folder is left');
      return response.body;
    }

    it('a payload file whose bytes differ from its manifest hash', async () => {
      const altered = Buffer.from(payload.find((file) => file.path === evidencePath())!.bytes);
      altered[altered.length - 3]! ^= 0xff;
      const body = await refused(await zipOf(withFile(evidencePath(), altered)), 400, new RegExp(`${evidencePath()} does not match its hash in manifest-sha256.txt`));
      assert.equal(body.type, 'invalid-bundle');
    });

    it('a file the manifest lists that is not in the bag', async () => {
      await refused(await zipOf(parts.filter((part) => part.name !== `${TOP}/${evidencePath()}`)), 400, new RegExp(`${evidencePath()} is listed in manifest-sha256.txt but missing from the bag`));
    });

    it('a payload file the manifest does not list', async () => {
      await refused(await zipOf([...parts, { name: `${TOP}/data/csv/extra.csv`, bytes: Buffer.from('a,b\n') }]), 400, /data\/csv\/extra.csv is in the bag but not in manifest-sha256.txt/);
    });

    it('a Payload-Oxum that does not count the payload', async () => {
      await refused(await zipOf(partsOf(bagOf(payload, { oxum: '12.1' }))), 400, /Payload-Oxum says 1 files of 12 bytes; the bag holds \d+ files of \d+ bytes/);
    });

    it('an entry named ../../x', async () => {
      const zip = renameEntry(await zipOf([...parts, { name: 'QQ/QQ/x', bytes: Buffer.from('x') }]), 'QQ/QQ/x', '../../x');
      await refused(zip, 400, /the path "\.\.\/\.\.\/x" leaves the bag/);
    });

    it('an entry with an absolute path', async () => {
      const zip = renameEntry(await zipOf([...parts, { name: 'Qetc/cron.d/x', bytes: Buffer.from('x') }]), 'Qetc/cron.d/x', '/etc/cron.d/x');
      await refused(zip, 400, /the path "\/etc\/cron.d\/x" is absolute/);
    });

    it('a symbolic link', async () => {
      await refused(await zipOf([...parts, { name: `${TOP}/data/evidence/passwd`, symlinkTo: '/etc/passwd' }]), 400, /entry ".*\/data\/evidence\/passwd" is a symbolic link/);
    });

    it('a zip bomb whose entry declares more than its compressed size allows', async () => {
      const zip = declareSize(await zipOf(parts), `${TOP}/data/graph.ndjson`, 2 ** 32 - 2);
      await refused(zip, 400, /declares 4294967294 bytes from \d+ compressed, more than deflate's 1032:1 allows: a zip bomb/);
    });

    it('a zip bomb whose entry inflates to more than it declares', async () => {
      const zeros = { path: 'data/csv/zeros.csv', bytes: Buffer.alloc(4 * 1024 ** 2, 0x30) };
      const zip = declareSize(await zipOf(partsOf(bagOf([...payload, zeros]))), `${TOP}/data/csv/zeros.csv`, 4000);
      await refused(zip, 400, /data\/csv\/zeros.csv inflates to more than the 4000 bytes it declares: a zip bomb or a damaged ZIP; unpacking stopped/);
    });

    it('a bundle that unpacks to more than the configured maximum', async () => {
      const small = await anEmptyCasebook({ maxBundleBytes: 10_000 });
      const body = await refused(await zipOf(parts), 413, /unpack to more than the 10000-byte maximum for a bundle/, small);
      assert.equal(body.type, 'payload-too-large');
    });

    it('a truncated ZIP', async () => {
      const zip = await zipOf(parts);
      await refused(zip.subarray(0, Math.floor(zip.length * 0.6)), 400, /it is not a ZIP, or it is truncated or damaged/);
    });

    it('a ZIP with no bag in it', async () => {
      await refused(await zipOf([{ name: 'photos/a.jpg', bytes: Buffer.alloc(100, 1) }]), 400, /there is no BagIt bag in it: photos\/bagit.txt is missing/);
    });

    it('a bag without its tag manifest, which alone proves bag-info.txt', async () => {
      await refused(await zipOf(parts.filter((part) => part.name !== `${TOP}/tagmanifest-sha256.txt`)), 400, /tagmanifest-sha256.txt is missing/);
    });

    it('a ZIP cut off anywhere (25 seeded points)', async () => {
      const zip = await zipOf(parts);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: zip.length - 1 }), async (cut) => {
          await refused(zip.subarray(0, cut), 400, /truncated or damaged|does not match/);
        }),
        { seed: 20_170_401, numRuns: 25 },
      );
    });

    it('a public bundle', async () => {
      const info = [['Casebook-Profile', 'public'], ['Casebook-Withheld', '{"persons":2}']] as const;
      const body = await refused(await zipOf(partsOf(bagOf(payload, { info }))), 422, /exported with the "public" profile, .* only an internal bundle holds the whole case/);
      assert.equal(body.type, 'not-importable');
    });

    it('a bundle whose graph says it is not importable', async () => {
      const lines = payload[0]!.bytes.toString('utf8').split('\n');
      lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), profile: 'partner', importable: false });
      const redacted = payload.map((file) => (file.path === 'data/graph.ndjson' ? { ...file, bytes: Buffer.from(lines.join('\n')) } : file));
      const digest = contentDigest(target.db);
      const response = await postBundle(target, await zipOf(partsOf(bagOf(redacted))));
      assert.equal(response.status, 400, response.text);
      assert.deepEqual(response.body.errors.map((error: { line: number; path: string }) => [error.line, error.path]), [[1, 'importable']]);
      assert.equal(contentDigest(target.db), digest);
      assert.deepEqual(listing(target.evidenceDir), [], 'no evidence file was copied in');
      assert.deepEqual(temporaryLeft(target), []);
    });

    it('a Casebook that already holds records', async () => {
      const body = await refused(await zipOf(parts), 409, /already holds records/, source);
      assert.equal(body.type, 'conflict');
    });
  });

  it('when the ZIP is over the upload limit, then it is refused with 413 before it is read', async () => {
    const small = await anEmptyCasebook({ maxUploadBytes: 1000 });
    const response = await postBundle(small, await zipOf(parts));
    assert.equal(response.status, 413, response.text);
    assert.match(response.body.detail, /A bundle sent over the API may be at most 1000 bytes; import larger ones with npm run import/);
    assert.deepEqual(temporaryLeft(small), []);
  });

  it('when the disk is short of space, then the bundle is refused with 507 and nothing is written', async () => {
    const short = await anEmptyCasebook({ minFreeBytes: Number.MAX_SAFE_INTEGER });
    const digest = contentDigest(short.db);
    const response = await postBundle(short, await zipOf(parts));
    assert.equal(response.status, 507, response.text);
    assert.equal(contentDigest(short.db), digest);
    assert.deepEqual(listing(short.evidenceDir), []);
  });

  it('when a researcher sends a bundle, then it is refused with 403', async () => {
    const target = await anEmptyCasebook();
    const response = await postBundle(target, await zipOf(parts), 'researcher');
    assert.equal(response.status, 403, response.text);
    assert.deepEqual(listing(target.evidenceDir), []);
  });
});
