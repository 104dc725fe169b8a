/**
 * The viewer decides what each reader sees. Accounts come later; these tests call the services
 * directly, on a real SQLite file, as a journalist and as a researcher.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { NotFoundError } from '../../server/errors.js';
import { parseOrThrow } from '../../server/schemas/common.js';
import { incidentCreate } from '../../server/schemas/incidents.js';
import { involvementCreate, personCreate, postCreate } from '../../server/schemas/people.js';
import { organisationCreate } from '../../server/schemas/places.js';
import { citationCreate, sourceCreate } from '../../server/schemas/sources.js';
import { createCitation } from '../../server/services/citations.js';
import type { ServiceContext } from '../../server/services/context.js';
import { createIncident, getIncident } from '../../server/services/incidents.js';
import { createInvolvement, listInvolvements } from '../../server/services/involvements.js';
import { createOrganisation } from '../../server/services/organisations.js';
import { createPerson, getPerson, listPersons } from '../../server/services/persons.js';
import { createPost, listPosts } from '../../server/services/posts.js';
import { createSource, getSource, listSources } from '../../server/services/sources.js';
import { asRole, clearanceOf } from '../../server/viewer.js';

const PLANTED = 'Zaurbek Plantedname';
const PLANTED_CYRILLIC = 'Заурбек Плантеднаме';

describe('the viewer', () => {
  const researcher = asRole('researcher');
  const journalist = asRole('journalist');
  let dir: string;
  let ctx: ServiceContext;
  let ids: { person: number; incident: number; restrictedSource: number };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-viewer-'));
    ctx = { db: openDb(join(dir, 'casebook.db')), now: () => new Date('2026-01-01T00:00:00Z') };
    const person = createPerson(ctx, researcher, parseOrThrow(personCreate, {
      name: PLANTED,
      pseudonymKind: 'witness',
      description: 'Fled in 2017; lives in hiding',
      alternativeNames: [{ name: PLANTED_CYRILLIC, kind: 'native-script', language: 'ru' }, { name: 'Zaur', kind: 'alias' }],
    }));
    const unit = createOrganisation(ctx, researcher, parseOrThrow(organisationCreate, { name: 'Some unit', kind: 'security-unit' }));
    createPost(ctx, researcher, parseOrThrow(postCreate, { person: person.id, organisation: unit.id, role: 'Driver' }));
    const incident = createIncident(ctx, researcher, parseOrThrow(incidentCreate, { title: 'Detention', summary: `${PLANTED} was detained; ZAUR told us so. Заурбек Плантеднаме подтвердил.`, actTypes: ['arbitrary-detention'], date: '2017-02' }));
    createInvolvement(ctx, researcher, parseOrThrow(involvementCreate, { incident: incident.id, person: person.id, role: 'witness' }));
    const testimony = createSource(ctx, researcher, parseOrThrow(sourceCreate, { kind: 'testimony', title: 'Interview in Moscow safe house', author: 'Fieldworker 3', reliability: 'B', restricted: true }));
    createCitation(ctx, researcher, parseOrThrow(citationCreate, { source: testimony.id, claim: { kind: 'incident', id: incident.id }, quote: 'They took my phone', locator: '00:12:30', stance: 'supports', credibility: 2 }));
    ids = { person: person.id, incident: incident.id, restrictedSource: testimony.id! };
  });
  afterEach(() => {
    ctx.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the table in DESIGN.md', () => {
    assert.deepEqual(clearanceOf(asRole('admin')), { protectedNames: true, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true });
    assert.deepEqual(clearanceOf(journalist), { protectedNames: false, restrictedSources: false, captureDetails: false, exactPlacesOfProtected: false });
    assert.deepEqual(clearanceOf({ kind: 'export', profile: 'partner' }), { protectedNames: false, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true });
  });

  it('a researcher sees the protected person in full', () => {
    const person = getPerson(ctx, researcher, ids.person);
    assert.equal(person.name, PLANTED);
    assert.equal(person.alternativeNames.length, 2);
    assert.equal(person.posts.length, 1);
  });

  it('a journalist sees only the pseudonym, everywhere the person appears', () => {
    const person = getPerson(ctx, journalist, ids.person);
    const everything = JSON.stringify([
      person,
      getIncident(ctx, journalist, ids.incident),
      listInvolvements(ctx, journalist, {}, { limit: 50 }),
      listPersons(ctx, journalist, {}, { limit: 50 }),
      listPosts(ctx, journalist, {}, { limit: 50 }),
    ]);
    assert.match(person.name, /^W-\d\d$/);
    for (const secret of ['Zaurbek', 'Plantedname', 'Заурбек', 'Плантеднаме', 'Zaur', 'ZAUR', 'hiding', 'Driver']) {
      assert.ok(!everything.includes(secret), `${secret} leaked`);
    }
  });

  it('a journalist reads the pseudonym where a researcher wrote the name into free text', () => {
    const pseudonym = getPerson(ctx, journalist, ids.person).name;
    assert.equal(getIncident(ctx, journalist, ids.incident).summary, `${pseudonym} was detained; ${pseudonym} told us so. ${pseudonym} подтвердил.`);
    assert.match(getIncident(ctx, researcher, ids.incident).summary, /^Zaurbek Plantedname was detained/);
  });

  it('a journalist searching by the real name finds nothing, as for a name that is not there', () => {
    for (const name of ['Plantedname', 'Плантеднаме', 'Zaur']) {
      assert.deepEqual(listPersons(ctx, journalist, { name }, { limit: 50 }), []);
      assert.equal(listPersons(ctx, researcher, { name }, { limit: 50 }).length, 1);
    }
    const pseudonym = getPerson(ctx, journalist, ids.person).name;
    assert.equal(listPersons(ctx, journalist, { name: pseudonym }, { limit: 50 }).length, 1);
  });

  it('leaves protected persons\' posts out before paging, so a journalist\'s pages stay full', () => {
    const official = createPerson(ctx, researcher, parseOrThrow(personCreate, { name: 'Some Official', protection: 'public-figure' }));
    const unit = createOrganisation(ctx, researcher, parseOrThrow(organisationCreate, { name: 'Office', kind: 'government' }));
    for (let i = 0; i < 3; i++) createPost(ctx, researcher, parseOrThrow(postCreate, { person: official.id, organisation: unit.id, role: `Role ${i}` }));
    // The protected witness's post was created first: a filter applied after paging would return an empty first page.
    assert.equal(listPosts(ctx, journalist, {}, { limit: 1 }).length, 1);
    assert.equal(listPosts(ctx, journalist, {}, { limit: 10 }).length, 3);
    assert.equal(listPosts(ctx, researcher, {}, { limit: 10 }).length, 4);
  });

  it('a journalist sees a restricted source only as "restricted source" with its grades, and the status still counts it', () => {
    const incident = getIncident(ctx, journalist, ids.incident);
    assert.deepEqual(incident.citations[0]!.source, { withheld: true, label: 'restricted source', reliability: 'B' });
    assert.equal(incident.citations[0]!.quote, null);
    assert.equal(incident.citations[0]!.locator, null);
    assert.equal(incident.status.corroboration, 'single-source');
    assert.throws(() => getSource(ctx, journalist, ids.restrictedSource), NotFoundError);
    assert.deepEqual(listSources(ctx, journalist, {}, { limit: 50 }), []);
    assert.equal(getSource(ctx, researcher, ids.restrictedSource).title, 'Interview in Moscow safe house');
  });
});
