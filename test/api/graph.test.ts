/**
 * The Casebook graph (issue 6, point 5): the whole database out as NDJSON and into a fresh
 * instance, over the API and in process. Nothing is faked: real servers on temporary SQLite
 * files and evidence folders; the source holds the founding case plus records of every kind.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { importGraphOnOwnConnection } from '../../server/services/graph/import.js';
import { asRole } from '../../server/viewer.js';
import { startCasebook, type Client, type TestCasebook } from '../helpers/casebook.js';
import { graphTableRows, plantEveryKind } from '../helpers/every-kind.js';
import { listing } from '../helpers/files.js';
import { contentDigest } from '../helpers/snapshot.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n');
}

/** GET /api/v1/graph as the admin, read with fetch: the test client would parse the NDJSON as one JSON document. */
async function exportOf(cb: TestCasebook): Promise<string> {
  const response = await fetch(`${cb.url}/api/v1/graph`, { headers: { authorization: `Bearer ${cb.account('admin').token}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
  return response.text();
}

async function all(client: Client, path: string) {
  const items = [];
  for (let next: string | null = `${path}?limit=500`; next; ) {
    const page = await client.get(next);
    assert.equal(page.status, 200, page.text);
    items.push(...page.body.items);
    next = page.body.links.next;
  }
  return items;
}

/** Every word of both search worlds with the documents, columns and offsets it is indexed at, and the texts snippets are cut from. */
function searchIndexOf(cb: TestCasebook) {
  const client = cb.db.$client;
  const worlds = ['search_full', 'search_shielded'].map((table) => {
    client.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_instances USING fts5vocab(main, ${table}, 'instance')`);
    return client.prepare(`SELECT term, doc, col, offset FROM temp.${table}_instances ORDER BY term, doc, col, offset`).all();
  });
  return { worlds, texts: client.prepare('SELECT * FROM search_texts ORDER BY docid').all() };
}

describe('the Casebook graph', () => {
  let source: TestCasebook;
  let exported: string;
  let lines: string[];
  const opened: TestCasebook[] = [];
  const anEmptyCasebook = async (options?: Parameters<typeof startCasebook>[0]) => {
    const cb = await startCasebook(options);
    opened.push(cb);
    return cb;
  };

  before(async () => {
    source = await startCasebook();
    loadFoundingCase({ db: source.db, now: () => new Date() }, asRole('researcher'), () => {});
    await plantEveryKind(source);
    exported = await exportOf(source);
    lines = exported.trimEnd().split('\n');
  });
  after(async () => {
    await Promise.all([source, ...opened].map((cb) => cb.close()));
  });

  /** Imports `text` over the API as the admin. */
  const postGraph = (cb: TestCasebook, text: string) => cb.as('admin').request('POST', '/api/v1/graph', text, NDJSON);

  it('when an admin exports, then the header counts every line, and every record follows its dependencies', async () => {
    const header = JSON.parse(lines[0]!);
    assert.equal(header.kind, 'casebook-graph');
    assert.equal(header.version, 1);
    const records = lines.slice(1).map((line) => JSON.parse(line));
    const counted: Record<string, number> = {};
    for (const { kind } of records) counted[kind] = (counted[kind] ?? 0) + 1;
    assert.deepEqual(Object.fromEntries(Object.entries(header.counts).filter(([, n]) => n !== 0)), counted);
    for (const kind of ['location', 'organisation', 'person', 'alternative-name', 'source', 'incident', 'post', 'involvement', 'citation', 'evidence']) {
      assert.ok(counted[kind]! > 0, `the export holds ${kind} lines`);
    }
    const seenLocations = new Set<number>();
    for (const { kind, record } of records.filter((line) => line.kind === 'location')) {
      if (record.parent !== null) assert.ok(seenLocations.has(record.parent), `location ${record.id} comes after its parent`);
      seenLocations.add(record.id);
      assert.equal(kind, 'location');
    }
    const victim = records.find((line) => line.kind === 'person' && line.record.name === 'Planted Victim');
    assert.match(victim.record.pseudonym, /^V-\d+$/);
  });

  it('when the export is imported over the API into an empty Casebook, then every table holds the same rows, and statuses read the same', async () => {
    const target = await anEmptyCasebook();
    cpSync(source.evidenceDir, target.evidenceDir, { recursive: true });
    const auditBefore = (await target.as('admin').get('/api/v1/audit?limit=500')).body.items.length;

    const response = await postGraph(target, exported);

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.lines, lines.length);
    assert.equal(response.body.imported.incident, JSON.parse(lines[0]!).counts.incident);
    assert.deepEqual(graphTableRows(target.db), graphTableRows(source.db));
    for (const path of ['/api/v1/incidents', '/api/v1/persons', '/api/v1/sources', '/api/v1/citations', '/api/v1/posts', '/api/v1/involvements', '/api/v1/evidence']) {
      for (const who of ['researcher', 'journalist'] as const) {
        assert.deepEqual(await all(target.as(who), path), await all(source.as(who), path), `${path} as ${who}`);
      }
    }
    const triggers = (cb: TestCasebook) => cb.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    assert.deepEqual(triggers(target), triggers(source), 'the import leaves the schema as it found it');
    const pendingTermsLimits = target.db.$client.prepare("SELECT v FROM search_full_config WHERE k = 'hashsize' UNION ALL SELECT v FROM search_shielded_config WHERE k = 'hashsize'").pluck().all();
    assert.deepEqual(pendingTermsLimits, [1024 * 1024, 1024 * 1024], 'the rebuild puts back the FTS5 default for the new terms it gathers before writing');
    assert.deepEqual(searchIndexOf(target), searchIndexOf(source), 'the rebuild (keyed on its own thread) indexes what record-by-record writes indexed');
    for (const who of ['researcher', 'journalist'] as const) {
      const found = async (cb: TestCasebook) => (await cb.as(who).get('/api/v1/search.json?q=Planted')).body;
      const hits = await found(source);
      assert.ok(Array.isArray(hits) && hits.length > 0, JSON.stringify(hits).slice(0, 200));
      assert.deepEqual(await found(target), hits, `search as ${who}`);
    }
    const again = (await exportOf(target)).trimEnd().split('\n');
    assert.deepEqual(again.slice(1), lines.slice(1), 'exported again, the graph is the same, line for line');
    const audit = (await target.as('admin').get('/api/v1/audit?limit=500')).body.items;
    assert.deepEqual(audit.slice(auditBefore).map((entry: { action: string }) => entry.action), ['import', 'export'], 'the whole import is one audit entry');
    assert.equal(audit.at(-2).after.imported.citation, JSON.parse(lines[0]!).counts.citation);
  });

  it('when imported in process with an evidence folder, then the files are copied into the store and hash to their names', async () => {
    const target = await anEmptyCasebook();
    const result = await importGraphOnOwnConnection({ db: target.db, now: () => new Date() }, linesOf(exported), {
      viewer: asRole('admin'),
      store: new EvidenceStore(target.evidenceDir),
      evidenceDir: source.evidenceDir,
    });
    assert.equal(result.evidenceFilesCopied, JSON.parse(lines[0]!).counts.evidence);
    assert.deepEqual(listing(target.evidenceDir), listing(source.evidenceDir));
    assert.deepEqual(graphTableRows(target.db), graphTableRows(source.db));
  });

  describe('when a line is bad, nothing changes and the error names the line', () => {
    let target: TestCasebook;
    before(async () => {
      target = await anEmptyCasebook();
    });

    async function refused(text: string) {
      const digest = contentDigest(target.db);
      const files = listing(target.evidenceDir);
      const response = await postGraph(target, text);
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.type, 'validation-failed');
      assert.equal(contentDigest(target.db), digest, 'the database is unchanged');
      assert.deepEqual(listing(target.evidenceDir), files, 'the evidence store is unchanged');
      return response.body.errors as { line: number; path: string; message: string }[];
    }

    const indexOf = (kind: string, nth = 0) => lines.map((line, index) => [line, index] as const).filter(([line]) => JSON.parse(line).kind === kind)[nth]![1];

    it('a wrong type, an unknown kind, a dangling reference, a duplicate id and malformed JSON are all named', async () => {
      const bad = [...lines];
      const title = indexOf('incident');
      bad[title] = JSON.stringify({ ...JSON.parse(lines[title]!), record: { ...JSON.parse(lines[title]!).record, title: 42 } });
      const unknown = indexOf('citation', 0);
      bad[unknown] = '{"kind":"unicorn","record":{"id":1}}';
      const dangling = indexOf('citation', 1);
      const citation = JSON.parse(lines[dangling]!);
      bad[dangling] = JSON.stringify({ ...citation, record: { ...citation.record, claim: { kind: 'incident', id: 999_999 } } });
      const duplicate = indexOf('citation', 3);
      bad[duplicate] = lines[duplicate - 1]!;
      const malformed = indexOf('citation', 5);
      bad[malformed] = '{"kind":"citation","record":{"id":';

      const errors = await refused(`${bad.join('\n')}\n`);

      const at = (index: number) => errors.filter((error) => error.line === index + 1).map((error) => error.path);
      assert.deepEqual(at(title), ['record.title']);
      assert.deepEqual(at(unknown), ['kind']);
      assert.deepEqual(at(dangling), ['record.claim.id']);
      assert.deepEqual(at(duplicate), ['record.id']);
      assert.deepEqual(at(malformed), ['']);
      assert.ok(errors.every((error) => !error.message.includes('Planted')), 'no message repeats what the line held');
    });

    it('a last line cut off mid-record is named', async () => {
      const cut = exported.slice(0, exported.trimEnd().length - 20);
      const errors = await refused(cut);
      assert.ok(errors.some((error) => error.line === lines.length && /not valid JSON/.test(error.message)), JSON.stringify(errors));
    });

    it('a file cut off at a line break is caught by the header\'s counts', async () => {
      const { evidence } = JSON.parse(lines[0]!).counts;
      const errors = await refused(`${lines.slice(0, -evidence).join('\n')}\n`);
      assert.deepEqual(errors, [{ line: 1, path: 'counts.evidence', message: `the header announces ${evidence} evidence lines but the file holds 0: is it cut off?` }]);
    });

    it('an evidence line whose file is nowhere is named', async () => {
      const errors = await refused(exported);
      const first = indexOf('evidence');
      assert.equal(errors[0]!.line, first + 1);
      assert.equal(errors[0]!.path, 'record.sha256');
      assert.match(errors[0]!.message, /not in the evidence store/);
    });

    it('a file that does not start with the header is refused at line 1', async () => {
      const errors = await refused(lines.slice(1).join('\n'));
      assert.equal(errors[0]!.line, 1);
    });
  });

  it('when the Casebook already holds records, then an import is refused with 409 and changes nothing', async () => {
    const digest = contentDigest(source.db);
    const response = await postGraph(source, exported);
    assert.equal(response.status, 409, response.text);
    assert.match(response.body.detail, /only into an empty one/);
    assert.equal(contentDigest(source.db), digest);
  });

  it('when a graph is larger than the upload limit, then it is refused with 413', async () => {
    const small = await anEmptyCasebook({ maxUploadBytes: 1000 });
    const response = await postGraph(small, exported);
    assert.equal(response.status, 413, response.text);
    assert.equal(response.body.type, 'payload-too-large');
  });

  it('when the disk is short of space, then an import is refused with 507 before a line is read, and changes nothing', async () => {
    const short = await anEmptyCasebook({ minFreeBytes: Number.MAX_SAFE_INTEGER });
    const digest = contentDigest(short.db);
    const response = await postGraph(short, exported);
    assert.equal(response.status, 507, response.text);
    assert.equal(response.body.type, 'insufficient-storage');
    assert.equal(contentDigest(short.db), digest);
  });

  it('when a researcher, a journalist or nobody asks, then both are refused', async () => {
    for (const [who, status] of [['researcher', 403], ['journalist', 403], ['anonymous', 401]] as const) {
      const read = await source.as(who).get('/api/v1/graph');
      assert.equal(read.status, status, `GET as ${who}`);
      assert.match(read.contentType, /^application\/problem\+json/);
      assert.equal((await source.as(who).request('POST', '/api/v1/graph', exported, NDJSON)).status, status, `POST as ${who}`);
    }
    assert.ok(existsSync(source.dbPath));
  });
});
