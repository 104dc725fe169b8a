/**
 * The export bundle (GET /api/v1/exports/bundle) of each profile, read with independent tools:
 * unzip, sha256sum -c on both manifests, our own count for Payload-Oxum, ogrinfo on the GeoJSON,
 * exiftool on every public image, and a protected witness's name (Latin, Cyrillic, alias) searched
 * in every byte and every path of every partner and public bundle. The internal bundle's graph is
 * imported into an empty Casebook. Nothing is faked: a real server, SQLite file and evidence store.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceStore } from '../../server/evidence/store.js';
import { importGraphOnOwnConnection } from '../../server/services/graph/import.js';
import { asRole } from '../../server/viewer.js';
import { checkBag, filesUnder, methodsOf, unzipBundle } from '../helpers/bag.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { graphTableRows, plantEveryKind } from '../helpers/every-kind.js';
import { aLocation, anIncident, anInvolvement, aPerson, aSource, aCitation } from '../helpers/factories.js';
import { assertExiftoolInstalled, exiftool } from '../helpers/exiftool.js';
import { fixture, sha256, uploadRaw } from '../helpers/files.js';

const LATIN = 'Dzhokhar Bundlewitness';
const CYRILLIC = 'Джохар Бандлвитнесс';
const ALIAS = 'Dzhokik';
const FORMS = [LATIN, CYRILLIC, ALIAS, ...LATIN.split(' '), ...CYRILLIC.split(' ')];
const squeeze = (text: string) => text.toLowerCase().replace(/[\s\p{Pd}_]+/gu, '');
const unescapeJson = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const formsIn = (text: string) => {
  const readable = unescapeJson(text);
  return FORMS.filter((form) => readable.toLowerCase().includes(form.toLowerCase()) || squeeze(readable).includes(squeeze(form)));
};

/** Tags that would say where, when or with what a picture was taken, or by whom. */
const leaks = (tags: string[]) => tags.filter((tag) => !/^(File|ExifTool):/.test(tag) && /GPS|Make|Model|Date|Time|Thumbnail|Artist|Serial|Software|Creator|By-line|Comment/i.test(tag.split(':')[1]!));

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

describe('export bundles', () => {
  let cb: TestCasebook;
  let work: string;
  let pseudonym: string;
  const uploaded: Record<string, { id: number; sha256: string }> = {};

  async function fetchBundle(profile: string, who: 'admin' | 'researcher' | 'journalist' = 'researcher'): Promise<Fetched> {
    const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=${profile}`, { headers: { authorization: `Bearer ${cb.account(who).token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Fetches, unzips and checks a bundle; returns its folder and bag-info fields. */
  async function bundleOf(profile: string, who: 'admin' | 'researcher' | 'journalist' = 'researcher') {
    const fetched = await fetchBundle(profile, who);
    assert.equal(fetched.status, 200, fetched.bytes.toString().slice(0, 300));
    const root = `casebook-${profile}-${new Date().toISOString().slice(0, 10)}`;
    assert.equal(fetched.headers.get('content-type'), 'application/zip');
    assert.match(fetched.headers.get('content-disposition')!, new RegExp(`^attachment; filename="?${root}\\.zip"?$`));
    const dir = mkdtempSync(join(work, `${profile}-`));
    const bag = unzipBundle(fetched.bytes, dir, root);
    return { bag, info: checkBag(bag), zip: join(dir, `${root}.zip`), root };
  }

  before(async function () {
    this.timeout(60_000);
    assertExiftoolInstalled();
    work = mkdtempSync(join(tmpdir(), 'casebook-bundles-'));
    cb = await startCasebook();
    await plantEveryKind(cb);
    const person = await aPerson(cb, {
      name: LATIN,
      pseudonymKind: 'witness',
      description: 'Lives in hiding',
      alternativeNames: [
        { name: CYRILLIC, kind: 'native-script', language: 'ru' },
        { name: ALIAS, kind: 'alias' },
      ],
    });
    pseudonym = person.pseudonym;
    const prison = await aLocation(cb, { name: 'Bundle prison', kind: 'detention-site', point: { latitude: 43.29137, longitude: 45.87241, precisionMeters: 50 }, description: `${ALIAS} was held here.` });
    const incident = await anIncident(cb, { title: 'Detention at the bundle prison', summary: `${LATIN} was detained.`, locations: [prison.id] });
    await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'witness', description: `${CYRILLIC} saw the cells.` });
    await aCitation(cb, await aSource(cb, { title: `Interview about ${ALIAS}` }), { kind: 'incident', id: incident.id }, { quote: `${CYRILLIC} рассказал.` });

    const upload = async (key: string, name: string, bytes: Buffer, query: string) => {
      const response = await uploadRaw(cb, name, bytes, `?incident=${incident.id}&${query}`);
      assert.equal(response.status, 201, response.text);
      uploaded[key] = { id: response.body.id, sha256: sha256(bytes) };
    };
    await upload('tiff', `${ALIAS}-cell.tif`, fixture('gps-strips.tif'), `protected=false&description=${encodeURIComponent(`Cell where ${LATIN} was held`)}`);
    await upload('heic', 'yard.heic', fixture('gps.heic'), 'protected=false');
    await upload('png', 'map.png', fixture('text-location.png'), 'protected=false');
    await upload('truncated', 'broken.jpg', fixture('truncated.jpg'), 'protected=false');
    await upload('opaque', 'notes.bin', Buffer.from('Not an image: nothing can strip it.\n'), 'protected=false');
    await upload('secret', `${ALIAS}.tif`, fixture('gps-tiles.tif'), 'protected=true');
    const copy = await cb.post(`/api/v1/evidence/${uploaded.heic!.id}/safe-copy`, {});
    assert.equal(copy.status, 201, copy.text);
    uploaded.heicCopy = { id: copy.body.id, sha256: copy.body.sha256 };
  });
  after(async () => {
    await cb.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const profile of ['partner', 'public'] as const) {
    it(`a ${profile} bundle is a valid bag, and no byte or path of it holds any form of the protected name`, async () => {
      const { bag, info } = await bundleOf(profile);
      let all = '';
      for (const path of filesUnder(bag)) {
        const text = `${path}\n${readFileSync(join(bag, path)).toString('utf8')}\n${readFileSync(join(bag, path)).toString('latin1')}`;
        assert.deepEqual(formsIn(text), [], `${path} holds the name`);
        all += text;
      }
      assert.ok(all.includes(pseudonym), 'the pseudonym stands where the name was');
      const report = readFileSync(join(bag, 'data/report.html'), 'utf8');
      assert.match(report, /<li id="fn-1" value="1" data-claim="incident:\d+"/, 'the report inside is footnoted');
      assert.match(readFileSync(join(bag, 'data/report.md'), 'utf8'), new RegExp(`^# Casebook report\\n\\n- \\*\\*Profile:\\*\\* ${profile}\\n`));
      assert.equal(info.get('Casebook-Profile'), profile);
      assert.equal(info.get('Casebook-Selection'), '"everything"');
      const receipt = JSON.parse(readFileSync(join(bag, 'data/withheld.json'), 'utf8'));
      assert.deepEqual(JSON.parse(info.get('Casebook-Withheld')!), receipt.withheld, 'bag-info and withheld.json say the same');
      assert.equal(receipt.withheld['evidence items flagged protected left out'], 2, 'the protected photo and the protected TIFF');
    });
  }

  it('a partner bundle carries the unprotected originals as stored, named by their SHA-256, images stored and text deflated', async () => {
    const { bag, zip, root } = await bundleOf('partner');
    const evidence = filesUnder(join(bag, 'data/evidence'));
    const plain = sha256(fixture('plain.jpg'));
    const expected = [`${plain}.jpg`, `${uploaded.tiff!.sha256}.tif`, `${uploaded.heic!.sha256}.heic`, `${uploaded.png!.sha256}.png`, `${uploaded.truncated!.sha256}.jpg`, `${uploaded.opaque!.sha256}.bin`];
    assert.deepEqual(evidence, expected.sort());
    for (const name of evidence) assert.equal(sha256(readFileSync(join(bag, 'data/evidence', name))), name.split('.')[0]);
    const methods = methodsOf(zip, root);
    for (const name of evidence) assert.equal(methods.get(`data/evidence/${name}`), 'Stored', name);
    for (const text of ['data/report.html', 'data/report.md', 'data/csv/incidents.csv', 'data/graph.ndjson', 'data/incidents.geojson', 'manifest-sha256.txt', 'verify.html']) assert.match(methods.get(text)!, /^Defl/, text);

    const lines = readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines[0], { kind: 'casebook-graph', version: 1, profile: 'partner', importable: false, exportedAt: lines[0].exportedAt });
    const tiff = lines.find((line) => line.kind === 'evidence' && line.record.id === uploaded.tiff!.id);
    assert.equal(tiff.record.bagFile, `data/evidence/${uploaded.tiff!.sha256}.tif`);
    assert.equal(typeof tiff.record.capture.latitude, 'number', 'a partner keeps GPS');
    assert.ok(!lines.some((line) => line.kind === 'evidence' && line.record.id === uploaded.secret!.id));
  });

  it('a public bundle carries only metadata-stripped copies: exiftool finds no GPS, device, date or thumbnail; what cannot be stripped is withheld and counted', async () => {
    const { bag } = await bundleOf('public');
    const evidence = filesUnder(join(bag, 'data/evidence'));
    assert.deepEqual(evidence.map((name) => name.split('.')[1]).sort(), ['heic', 'jpg', 'png', 'tif']);
    assert.ok(evidence.includes(`${uploaded.heicCopy!.sha256}.heic`), 'the stored safe copy is used');
    const originals = new Set(Object.entries(uploaded).flatMap(([key, item]) => (key === 'heicCopy' ? [] : [item.sha256])));
    for (const name of evidence) {
      const bytes = readFileSync(join(bag, 'data/evidence', name));
      assert.equal(sha256(bytes), name.split('.')[0]);
      assert.ok(!originals.has(name.split('.')[0]!), `${name} is not an original`);
      const tags = Object.keys(exiftool(bytes));
      assert.deepEqual(leaks(tags), [], `${name}: ${leaks(tags).join(', ')}`);
    }
    assert.ok(leaks(Object.keys(exiftool(fixture('gps-strips.tif')))).length > 3, 'the check finds what the originals hold');
    const receipt = JSON.parse(readFileSync(join(bag, 'data/withheld.json'), 'utf8')).withheld;
    assert.equal(receipt['evidence files carried only as metadata-stripped copies (no GPS, device, dates or thumbnails)'], 4);
    assert.equal(receipt['evidence files withheld: no metadata-free copy can be made'], 2, 'the truncated JPEG and the opaque file');
    const lines = readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    const items = lines.filter((line) => line.kind === 'evidence').map((line) => line.record);
    for (const item of items) assert.equal(item.capture.latitude, undefined, 'no GPS in the records either');
    assert.equal(items.find((item) => item.id === uploaded.opaque!.id).bagFile, null);
    assert.ok(evidence.includes(items.find((item) => item.id === uploaded.tiff!.id).bagFile.slice('data/evidence/'.length)));

    if (spawnSync('ogrinfo', ['--version']).status !== 0) return;
    const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', join(bag, 'data/incidents.geojson')]).toString();
    assert.match(summary, /Geometry: Point/);
    assert.match(summary, /Feature Count: [1-9]/);
    assert.match(summary, /coarsened: /);
  });

  it('an internal bundle holds the raw graph, which imported into an empty Casebook gives the same records and evidence hashes; bag-info names the audit head; each file carried is a custody event', async () => {
    const { bag, info } = await bundleOf('internal', 'admin');
    assert.equal(info.get('Casebook-Withheld'), undefined);
    assert.ok(readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').includes(LATIN), 'the internal bundle holds the name: the leak checks above could fail');
    assert.ok(!filesUnder(join(bag, 'data')).includes('withheld.json'));
    const exportEntry = cb.db.$client.prepare(`SELECT id, prev_hash AS prevHash, "after" AS details FROM audit_entries WHERE action = 'export' AND record_kind = 'graph' ORDER BY id DESC LIMIT 1`).get() as { id: number; prevHash: string; details: string };
    assert.equal(JSON.parse(exportEntry.details).format, 'bundle');
    assert.equal(info.get('Casebook-Audit-Head'), exportEntry.prevHash, 'the head of the chain the snapshot saw, just before the export entry');
    const custody = cb.db.$client.prepare(`SELECT record_id AS id, "after" AS details FROM audit_entries WHERE action = 'export' AND record_kind = 'evidence' AND id > ?`).all(exportEntry.id) as { id: number; details: string }[];
    const files = filesUnder(join(bag, 'data/evidence'));
    assert.equal(custody.length, files.length);
    assert.deepEqual(custody.map((entry) => JSON.parse(entry.details).file.slice('data/evidence/'.length)).sort(), files);

    const flat = join(work, 'internal-evidence');
    mkdirSync(flat);
    for (const name of files) copyFileSync(join(bag, 'data/evidence', name), join(flat, name.split('.')[0]!));
    const target = await startCasebook();
    try {
      const lines = readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').split('\n');
      await importGraphOnOwnConnection({ db: target.db, now: () => new Date() }, (async function* () {
        yield* lines;
      })(), { viewer: asRole('admin'), store: new EvidenceStore(target.evidenceDir), evidenceDir: flat });
      assert.deepEqual(graphTableRows(target.db), graphTableRows(cb.db));
      for (const name of files) assert.equal(sha256(readFileSync(new EvidenceStore(target.evidenceDir).pathOf(name.split('.')[0]!))), name.split('.')[0]);
    } finally {
      await target.close();
    }
  });

  it('a journalist may download only a public bundle: partner and internal are 403 problem+json', async () => {
    for (const profile of ['partner', 'internal']) {
      const refused = await fetchBundle(profile, 'journalist');
      assert.equal(refused.status, 403);
      assert.match(refused.headers.get('content-type')!, /^application\/problem\+json/);
      assert.equal(JSON.parse(refused.bytes.toString()).type, 'forbidden');
    }
    const { info } = await bundleOf('public', 'journalist');
    assert.equal(info.get('Casebook-Profile'), 'public');
    const nonsense = await fetchBundle('everyone');
    assert.equal(nonsense.status, 400);
  });

  it('verify.html is self-contained: no URL outside the page', async () => {
    const { bag } = await bundleOf('public');
    const page = readFileSync(join(bag, 'verify.html'), 'utf8');
    assert.doesNotMatch(page, /\b(?:src|href)\s*=|https?:\/\/|@import|url\(/i);
  });
});

describe('an export bundle of an empty Casebook', () => {
  it('is a valid bag with every part, holding headers and no records', async () => {
    const cb = await startCasebook();
    const dir = mkdtempSync(join(tmpdir(), 'casebook-empty-bundle-'));
    try {
      for (const profile of ['internal', 'public']) {
        const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=${profile}`, { headers: { authorization: `Bearer ${cb.account('admin').token}` } });
        assert.equal(response.status, 200);
        const root = `casebook-${profile}-${new Date().toISOString().slice(0, 10)}`;
        const bag = unzipBundle(Buffer.from(await response.arrayBuffer()), join(dir, profile), root);
        checkBag(bag);
        const payload = filesUnder(join(bag, 'data'));
        assert.equal(payload.filter((path) => path.startsWith('csv/')).length, 9);
        assert.ok(!payload.some((path) => path.startsWith('evidence/')));
        const graph = readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').trimEnd().split('\n');
        assert.equal(graph.length, 1, 'the header alone');
        assert.deepEqual(JSON.parse(readFileSync(join(bag, 'data/incidents.geojson'), 'utf8')).features, []);
        assert.match(readFileSync(join(bag, 'data/report.html'), 'utf8'), /No incident matches this selection/);
      }
    } finally {
      await cb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
