/**
 * The two ways of finding incidents that overlap a date (walking incidents and comparing their
 * columns, or reading the span R*Tree) must find exactly the same incidents, whatever the dates.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../db/client.js';
import { incidentConditions, type IncidentFilter } from '../../db/queries/incidents.js';
import { pageRows } from '../../db/queries/rows.js';
import { incidents } from '../../db/schema.js';
import { incidentCreate, incidentUpdate } from '../../server/schemas/incidents.js';
import { createIncident, deleteIncident, updateIncident } from '../../server/services/incidents.js';
import { parseEdtf } from '../../server/values/edtf-date.js';
import { asRole } from '../../server/viewer.js';

describe('incidents overlapping a date', () => {
  let dir: string;
  let db: Db;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-dates-'));
    db = openDb(join(dir, 'casebook.db'));
    const ctx = { db, now: () => new Date('2026-01-01T00:00:00Z') };
    const researcher = asRole('researcher');
    const dates = ['2016-12', '2017-01~', '2016-12/2017-04', '2017-01-15?', '2016-XX', '201X', '2016-12/..', '2017-02-28', '1999', '2017', '2017-01-31/2017-02-01', '../2016-01'];
    const made = dates.map((date, index) => createIncident(ctx, researcher, incidentCreate.parse({ title: `Incident ${index}`, actTypes: ['torture'], date })));
    // The index follows edits and deletions too.
    updateIncident(ctx, researcher, made[0]!.id, incidentUpdate.parse({ date: '2018-05' }));
    deleteIncident(ctx, researcher, made[1]!.id);
  });
  after(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const date of ['2017-01', '2016-12-15', '2017', '2016', '2018-05-01', '1999-12-31', '2016-01-01', '2030', '1500/2100', '2017-02-01/2017-02-28']) {
    it(`finds the same incidents through the span index as by their columns: ${date}`, () => {
      const filter: IncidentFilter = { dateSpan: parseEdtf(date) };
      const ids = (strategy: 'columns' | 'span-index') => pageRows(db, incidents, incidentConditions(filter, strategy), { limit: 100 }).map((row) => row.id);
      assert.deepEqual(ids('span-index'), ids('columns'));
    });
  }

  it('the span index holds one entry per incident', () => {
    assert.equal(db.$client.prepare('SELECT COUNT(*) FROM incident_spans').pluck().get(), db.$client.prepare('SELECT COUNT(*) FROM incidents').pluck().get());
  });
});
