/**
 * A search rebuild keys its documents on a worker thread (server/search/entries-thread.ts): what
 * comes back must be what keying on the rebuild's own thread gives, batch for batch, and a batch
 * the worker cannot key must fail the rebuild rather than hang it.
 */
import assert from 'node:assert/strict';
import { parseDocumentRows, type DocumentRow, type NameBook } from '../../db/queries/search.js';
import { indexEntries } from '../../server/search/entries.js';
import { EntriesThread, type EntriesThreadData } from '../../server/search/entries-thread.js';
import { shieldFrom } from '../../server/services/protection.js';

const data: EntriesThreadData = {
  shielding: {
    names: [
      { name: 'Zaurbek Threadtestov', pseudonym: 'W-9' },
      { name: 'Заурбек Тредтестов', pseudonym: 'W-9' },
    ],
    publicNames: ['Ramzan Kadyrov', 'Рамзан Кадыров'],
  },
  names: {
    persons: new Map([
      [1, { name: 'Zaurbek Threadtestov', pseudonym: 'W-9', protection: 'protected', alternativeNames: ['Заурбек Тредтестов'] }],
      [2, { name: 'Ramzan Kadyrov', pseudonym: 'P-2', protection: 'public-figure', alternativeNames: ['Рамзан Кадыров'] }],
    ]),
    organisations: new Map([[1, { name: 'Kadyrovtsy', alternativeNames: [] }]]),
    locations: new Map([[1, { name: 'Argun', alternativeNames: ['Аргун'] }]]),
  } satisfies NameBook,
};

// Rows as SQLite gives them, JSON columns still text.
const personRows = (): DocumentRow[] => [
  { id: 1, name: 'Zaurbek Threadtestov', description: 'Taken at night; Threadtestov was held in Argun.', pseudonym: 'W-9', protection: 'protected', alternativeNames: '["Заурбек Тредтестов"]' },
  { id: 2, name: 'Ramzan Kadyrov', description: 'Head of the republic.', pseudonym: 'P-2', protection: 'public-figure', alternativeNames: '["Рамзан Кадыров"]' },
];
const incidentRows = (): DocumentRow[] => [
  {
    id: 7,
    title: 'Detention of Threadtestov',
    summary: 'Заурбек Тредтестов was detained in Argun.',
    actTypes: '["arbitrary-detention"]',
    placeIds: '[1]',
    involved: '[{"personId":1,"organisationId":null,"description":"victim"},{"personId":2,"organisationId":1,"description":"ordered it"}]',
  },
];

describe('keying a rebuild on its own thread', () => {
  let thread: EntriesThread;
  beforeEach(() => (thread = new EntriesThread(data)));
  afterEach(() => thread.close());

  it('gives the entries keying in this thread gives, for every batch sent, in the order sent', async () => {
    const context = { shield: shieldFrom(data.shielding), names: data.names };
    const batches = [
      { kind: 'person', ids: [1, 2, 3], rows: personRows },
      { kind: 'incident', ids: [7], rows: incidentRows },
      { kind: 'person', ids: [2], rows: () => personRows().slice(1) },
    ] as const;

    const answers = batches.map(({ kind, ids, rows }) => thread.entries(kind, ids, rows()));

    for (const [i, { kind, ids, rows }] of batches.entries()) {
      assert.deepEqual(await answers[i], indexEntries(kind, ids, parseDocumentRows(kind, rows()), context), `batch ${i}`);
    }
    const [victim, official, missing] = await answers[0]!;
    assert.notEqual(victim!.shielded, victim!.full, "a protected person's shielded document is its own");
    assert.doesNotMatch(JSON.stringify(victim!.shielded), /threadtestov|тредтестов/i);
    assert.equal(official!.shielded, official!.full, 'a document that reads the same in both worlds travels once');
    assert.deepEqual(missing, { docid: 3 * 8 + 1, full: null, shielded: null }, 'a record without rows gets an entry without documents');
    const [incident] = await answers[1]!;
    assert.match(incident!.full!.text.body, /Zaurbek Threadtestov.*Ramzan Kadyrov.*Kadyrovtsy/);
    assert.doesNotMatch(incident!.shielded!.text.body + incident!.shielded!.keys.body, /threadtestov|тредтестов|tredtestov/i);
  });

  it('when a batch cannot be keyed, then it and every batch after it fail with the reason', async () => {
    const broken = personRows();
    broken[0]!.alternativeNames = '["Заурбек';
    const failed = thread.entries('person', [1, 2], broken);
    const after = thread.entries('person', [2], personRows().slice(1));

    await assert.rejects(failed, SyntaxError);
    await assert.rejects(after, SyntaxError);
    await assert.rejects(thread.entries('person', [2], personRows().slice(1)), SyntaxError);
  });
});
