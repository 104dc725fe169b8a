/**
 * CSV, GeoJSON and bundles of a selection (issue 7, item 5): the selected incidents and the
 * records they reach. A Casebook holds the founding case, records of every kind and a protected
 * witness planted for this file; an internal bundle of one incident is imported into an empty
 * Casebook and compared row by row. Nothing is faked: real servers on temporary SQLite files and
 * evidence folders, a fixed clock only so that two bundles of the same moment can be compared.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { asRole } from '../../server/viewer.js';
import { checkBag, filesUnder, unzipBundle } from '../helpers/bag.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { graphTableRows, plantEveryKind } from '../helpers/every-kind.js';
import { anIncident, anInvolvement, aPerson } from '../helpers/factories.js';
import { listing } from '../helpers/files.js';
import { formsIn } from '../helpers/leaks.js';

const LATIN = 'Zelimkhan Oraclewitness';
const ALIAS = 'Oraclik';
const FORMS = [LATIN, ALIAS, ...LATIN.split(' ')];
const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = NOW.toISOString().slice(0, 10);
const kinds = ['incidents', 'locations', 'organisations', 'persons', 'alternative-names', 'posts', 'involvements', 'sources', 'citations'] as const;
const tableOf: Record<(typeof kinds)[number], string> = {
  incidents: 'incidents',
  locations: 'locations',
  organisations: 'organisations',
  persons: 'persons',
  'alternative-names': 'alternative_names',
  posts: 'posts',
  involvements: 'involvements',
  sources: 'sources',
  citations: 'citations',
};

type Who = 'admin' | 'researcher' | 'journalist';

interface Raw {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

function csvRecords(bytes: Buffer): Record<string, string>[] {
  const script = 'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")))))';
  const [header, ...rows] = JSON.parse(execFileSync('python3', ['-c', script], { input: bytes }).toString()) as string[][];
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

const idsOf = (records: Record<string, unknown>[]) => records.map((record) => Number(record.id)).sort((a, b) => a - b);

describe('exports of a selection', () => {
  let cb: TestCasebook;
  let work: string;
  const opened: TestCasebook[] = [];
  let detentions: number;
  let abduction: number;

  async function raw(path: string, who: Who = 'researcher'): Promise<Raw> {
    const response = await fetch(cb.url + path, { headers: { authorization: `Bearer ${cb.account(who).token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  }

  /** Fetches, unzips and checks a bundle; returns its folder and bag-info fields. */
  async function bundleOf(query: string, who: Who = 'researcher') {
    const fetched = await raw(`/api/v1/exports/bundle?${query}`, who);
    assert.equal(fetched.status, 200, fetched.text.slice(0, 300));
    const profile = new URLSearchParams(query).get('profile') ?? 'public';
    const root = `casebook-${profile}-${DAY}`;
    const bag = unzipBundle(fetched.bytes, mkdtempSync(join(work, `${profile}-`)), root);
    return { bag, info: checkBag(bag), zip: fetched.bytes };
  }

  const idOf = (table: string, column: string, value: string) =>
    (cb.db.$client.prepare(`SELECT id FROM "${table}" WHERE "${column}" = ?`).get(value) as { id: number }).id;

  before(async function () {
    this.timeout(60_000);
    work = mkdtempSync(join(tmpdir(), 'casebook-selection-'));
    cb = await startCasebook({ now: () => NOW });
    loadFoundingCase({ db: cb.db, now: () => NOW }, asRole('researcher'), () => {});
    await plantEveryKind(cb);
    const witness = await aPerson(cb, { name: LATIN, pseudonymKind: 'witness', alternativeNames: [{ name: ALIAS, kind: 'alias' }] });
    const raid = await anIncident(cb, { title: 'Oracle raid', summary: `${LATIN} was taken from his flat.`, date: '2017-03' });
    await anInvolvement(cb, { incident: raid.id, person: witness.id, role: 'witness', description: `${ALIAS} saw it.` });
    detentions = idOf('incidents', 'title', 'Planted detentions');
    abduction = idOf('incidents', 'title', 'Planted abduction');
  });
  after(async () => {
    await Promise.all([cb, ...opened].map((each) => each.close()));
    rmSync(work, { recursive: true, force: true });
  });

  it('when an internal bundle of one incident is imported into an empty Casebook, then it holds exactly the records the incident reaches, row for row, with their evidence files, and the CSV files list the same records', async function () {
    this.timeout(30_000);
    const { bag, info, zip } = await bundleOf(`profile=internal&incident=${detentions}`, 'admin');
    assert.equal(info.get('Casebook-Selection'), JSON.stringify(`incidents ${detentions}`));
    const target = await startCasebook();
    opened.push(target);
    const response = await fetch(`${target.url}/api/v1/graph`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.account('admin').token}`, 'content-type': 'application/zip' },
      body: new Blob([new Uint8Array(zip)]),
    });
    assert.equal(response.status, 201, await response.clone().text());

    const names = (table: string, column = 'name') => (target.db.$client.prepare(`SELECT "${column}" AS v FROM "${table}" ORDER BY 1`).all() as { v: string }[]).map((row) => row.v);
    assert.deepEqual(names('incidents', 'title'), ['Planted detentions']);
    // The unit's parents come along, for the command chain and because a unit names its parent.
    assert.deepEqual(names('organisations'), ['Planted Agency', 'Planted Ministry', 'Planted Unit']);
    assert.deepEqual(names('locations'), ['Planted District', 'Planted Republic', 'Planted-Yurt']);
    // The official comes with his post in the unit involved; the relay with the report it repeats.
    assert.deepEqual(names('persons'), ['Planted Official', 'Planted Victim']);
    assert.deepEqual(names('sources', 'title'), ['Planted echo', 'Planted report', 'Planted testimony']);
    assert.equal(names('evidence', 'original_name').length, 2, 'the photo and its safe copy');
    assert.deepEqual(
      (target.db.$client.prepare('SELECT DISTINCT incident_id AS v FROM evidence_incidents').all() as { v: number }[]).map((row) => row.v),
      [detentions],
      'the photo is also linked to the abduction, which the bundle does not hold',
    );

    // Row for row: what came back is what the source holds, nothing added or changed.
    const source = graphTableRows(cb.db);
    for (const [table, rows] of Object.entries(graphTableRows(target.db))) {
      for (const row of rows) assert.ok(source[table]!.includes(row), `${table}: ${String(row)} is not a row of the source`);
    }
    const reaching = (sql: string) => (cb.db.$client.prepare(sql).all(detentions) as { id: number }[]).map((row) => row.id).sort((a, b) => a - b);
    assert.deepEqual(idsOf(target.db.$client.prepare('SELECT id FROM involvements').all() as { id: number }[]), reaching('SELECT id FROM involvements WHERE incident_id = ?'));
    const citedHere = reaching('SELECT id FROM citations WHERE incident_id = ?');
    assert.ok(citedHere.every((id) => (target.db.$client.prepare('SELECT 1 FROM citations WHERE id = ?').get(id) as unknown) !== undefined), 'every citation of the incident');
    const files = listing(target.evidenceDir).filter((path) => !path.startsWith('tmp'));
    assert.equal(files.length, 2, files.join(', '));

    for (const kind of kinds) {
      const csv = await raw(`/api/v1/exports/csv/${kind}?profile=internal&incident=${detentions}`);
      assert.equal(csv.status, 200);
      assert.deepEqual(idsOf(csvRecords(csv.bytes)), idsOf(target.db.$client.prepare(`SELECT id FROM "${tableOf[kind]}"`).all() as { id: number }[]), kind);
      const bagged = readFileSync(join(bag, `data/csv/${kind}.csv`));
      assert.deepEqual(idsOf(csvRecords(bagged)), idsOf(csvRecords(csv.bytes)), `the bundle's ${kind}.csv`);
    }
    assert.match(readFileSync(join(bag, 'data/report.md'), 'utf8'), /\*\*Incidents:\*\* 1\n/);
  });

  it('when no selection is given, then the CSV covers every record, as before; the GeoJSON of a selection holds only its incidents', async () => {
    const every = csvRecords((await raw('/api/v1/exports/csv/persons?profile=internal')).bytes);
    assert.equal(every.length, (cb.db.$client.prepare('SELECT COUNT(*) AS n FROM persons').get() as { n: number }).n);
    const map = JSON.parse((await raw(`/api/v1/exports/incidents.geojson?profile=public&incident=${detentions}&incident=${abduction}`)).text);
    assert.deepEqual([...new Set(map.features.map((feature: { properties: { incidentId: number } }) => feature.properties.incidentId))], [detentions]);
    const whole = JSON.parse((await raw('/api/v1/exports/incidents.geojson?profile=public')).text);
    assert.ok(whole.features.length > map.features.length);
  });

  it('the withheld receipt counts only what the selection holds', async () => {
    const category = 'protected persons shown as pseudonyms, without description or alternative names';
    const withheld = async (query: string) => JSON.parse((await raw(`/api/v1/exports/csv/persons?${query}`)).headers.get('casebook-withheld')!)[category];
    assert.equal(await withheld(`profile=public&incident=${detentions}`), 1);
    assert.ok((await withheld('profile=public')) > 1);
    const { info } = await bundleOf(`profile=public&incident=${detentions}`);
    assert.equal(JSON.parse(info.get('Casebook-Withheld')!)[category], 1);
  });

  it('a selection that matches nothing gives empty, valid CSV files, GeoJSON and bag', async () => {
    for (const kind of kinds) {
      const csv = await raw(`/api/v1/exports/csv/${kind}?profile=public&q=Xyzzyplugh`);
      assert.equal(csv.status, 200);
      assert.deepEqual(csvRecords(csv.bytes), [], kind);
      assert.ok(csv.text.length > 3, `${kind}: the header is there`);
    }
    const map = JSON.parse((await raw('/api/v1/exports/incidents.geojson?profile=public&q=Xyzzyplugh')).text);
    assert.equal(map.type, 'FeatureCollection');
    assert.deepEqual(map.features, []);
    for (const profile of ['internal', 'public']) {
      const { bag, info } = await bundleOf(`profile=${profile}&q=Xyzzyplugh`, 'admin');
      assert.ok(!filesUnder(join(bag, 'data')).some((path) => path.startsWith('evidence/')));
      const graph = readFileSync(join(bag, 'data/graph.ndjson'), 'utf8').trimEnd().split('\n');
      assert.equal(graph.length, 1, 'the header alone');
      if (profile === 'internal') assert.ok(Object.values(JSON.parse(graph[0]!).counts).every((n) => n === 0));
      else assert.ok(Object.values(JSON.parse(info.get('Casebook-Withheld')!)).every((n) => n === 0));
      assert.match(readFileSync(join(bag, 'data/report.html'), 'utf8'), /No incident matches this selection/);
    }
  });

  it('refuses a bad selection with 400 problem+json naming the field, and an unknown incident with 404', async () => {
    for (const path of ['csv/incidents', 'incidents.geojson', 'bundle', 'withheld.json']) {
      for (const [query, field] of [
        ['colour=red', 'colour'],
        ['incident=abc', 'incident'],
        ['disputed=maybe', 'disputed'],
        ['act=dancing', 'act'],
      ] as const) {
        const response = await raw(`/api/v1/exports/${path}?profile=public&${query}`);
        assert.equal(response.status, 400, `${path}?${query}`);
        assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
        assert.ok(response.text.includes(field), `${path}?${query}: ${response.text}`);
      }
      assert.equal((await raw(`/api/v1/exports/${path}?profile=public&incident=999999`)).status, 404, path);
    }
  });

  describe('is no oracle: a journalist searching for a protected name gets what a nonsense word gets', () => {
    const NONSENSE = 'Xyzzyplugh';

    it('is planted: a researcher searching the internal profile for his name finds his incident (the positive control)', async () => {
      const found = csvRecords((await raw(`/api/v1/exports/csv/incidents?profile=internal&q=${encodeURIComponent(LATIN.split(' ')[1]!)}`)).bytes);
      assert.deepEqual(found.map((row) => row.title), ['Oracle raid']);
    });

    it('CSV of every kind and GeoJSON: the same bytes and the same receipt', async () => {
      for (const form of FORMS) {
        for (const path of [...kinds.map((kind) => `csv/${kind}`), 'incidents.geojson']) {
          const named = await raw(`/api/v1/exports/${path}?profile=public&q=${encodeURIComponent(form)}`, 'journalist');
          const nonsense = await raw(`/api/v1/exports/${path}?profile=public&q=${NONSENSE}`, 'journalist');
          assert.equal(named.status, 200);
          assert.equal(named.text, nonsense.text, `${path}, q=${form}`);
          assert.equal(named.headers.get('casebook-withheld'), nonsense.headers.get('casebook-withheld'));
        }
      }
    });

    it('bundle: the same payload and bag-info, and no form of his name in any byte', async () => {
      const named = await bundleOf(`profile=public&q=${encodeURIComponent(LATIN)}`, 'journalist');
      const nonsense = await bundleOf(`profile=public&q=${NONSENSE}`, 'journalist');
      // The report prints the audit head it was read at: each export moves it on.
      const comparable = (path: string, text: string) => (path.startsWith('report.') ? text.replace(/.*Audit chain head.*\n?/g, '') : text);
      const files = filesUnder(join(named.bag, 'data'));
      assert.deepEqual(files, filesUnder(join(nonsense.bag, 'data')));
      for (const path of files) {
        const text = readFileSync(join(named.bag, 'data', path), 'utf8');
        assert.equal(comparable(path, text), comparable(path, readFileSync(join(nonsense.bag, 'data', path), 'utf8')), path);
      }
      for (const key of ['Casebook-Selection', 'Casebook-Withheld', 'Payload-Oxum']) assert.equal(named.info.get(key), nonsense.info.get(key), key);
      for (const path of [...files.map((file) => `data/${file}`), 'bag-info.txt']) {
        assert.deepEqual(formsIn(FORMS, readFileSync(join(named.bag, path), 'utf8')), [], path);
      }
    });
  });
});
