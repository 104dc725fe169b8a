/** Pages of persons and organisations, and the forms of their alternative names, posts and involvements. */
import { Router } from 'express';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { alternativeNameCreate, alternativeNameUpdate, involvementCreate, involvementUpdate, personCreate, personListQuery, personUpdate, postCreate, postUpdate } from '../schemas/people.js';
import { organisationCreate, organisationListQuery, organisationUpdate } from '../schemas/places.js';
import * as names from '../services/alternative-names.js';
import { listIncidents } from '../services/incidents.js';
import * as involvements from '../services/involvements.js';
import * as organisations from '../services/organisations.js';
import * as persons from '../services/persons.js';
import * as posts from '../services/posts.js';
import { pageCollection, pageRecord } from '../urls.js';
import { canWriteRecords } from '../viewer.js';
import { pageContext } from './page-context.js';
import { OrganisationListPage, OrganisationPage, PersonListPage, PersonPage } from './pages/people.js';
import { AlternativeNameForm, alternativeNameBody, InvolvementForm, involvementBody, OrganisationForm, organisationBody, PersonForm, personBody, PostForm, postBody } from './pages/record-forms.js';
import { filledQuery, historyOf, incidentChoices, onePage, organisationChoices, parseListQuery, personChoices } from './reads.js';
import { addRecordForms } from './record-forms.js';
import { sendHtml } from './render.js';

const ownerPages = { person: 'persons', organisation: 'organisations', location: 'locations' } as const;

/** The page of the record an alternative name belongs to. */
export function ownerPage(owner: { kind: string; id: number }): string {
  return pageRecord(ownerPages[owner.kind as keyof typeof ownerPages] ?? 'locations', owner.id);
}

export function peoplePages(routes: RouteContext): Router {
  const { ctx } = routes;
  const router = Router();

  router.get(pageCollection('persons'), (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(personListQuery, query);
    const list = parsed ? onePage((page) => persons.listPersons(ctx, viewer, { name: parsed.name, protection: parsed.protection }, page), parsed.cursor, parsed.limit) : { items: [], next: null };
    sendHtml(res, <PersonListPage page={pageContext(req, res)} items={list.items} next={list.next} query={query} issues={issues} canWrite={canWriteRecords(viewer)} />, issues.length ? 400 : 200);
  });
  addRecordForms(router, routes, {
    resource: 'persons',
    noun: 'person',
    form: PersonForm,
    body: personBody,
    valuesOf: (viewer, id) => {
      const person = persons.getPerson(ctx, viewer, id);
      return { name: person.name, protection: person.protection, description: person.description };
    },
    create: { schema: personCreate, save: (viewer, input) => pageRecord('persons', persons.createPerson(ctx, viewer, input).id) },
    update: { schema: personUpdate, save: (viewer, id, input) => pageRecord('persons', persons.updatePerson(ctx, viewer, id, input).id) },
  });
  router.get(`${pageCollection('persons')}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'person');
    const person = persons.getPerson(ctx, viewer, id);
    const incidents = listIncidents(ctx, viewer, { personId: id }, { limit: 100 });
    sendHtml(res, <PersonPage page={pageContext(req, res)} person={person} incidents={incidents} history={historyOf(ctx, viewer, 'persons', id)} canWrite={canWriteRecords(viewer)} />);
  });

  router.get(pageCollection('organisations'), (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(organisationListQuery, query);
    const list = parsed ? onePage((page) => organisations.listOrganisations(ctx, viewer, { name: parsed.name, kind: parsed.kind, withinId: parsed.within }, page), parsed.cursor, parsed.limit) : { items: [], next: null };
    sendHtml(res, <OrganisationListPage page={pageContext(req, res)} items={list.items} next={list.next} query={query} issues={issues} canWrite={canWriteRecords(viewer)} />, issues.length ? 400 : 200);
  });
  addRecordForms(router, routes, {
    resource: 'organisations',
    noun: 'organisation',
    form: OrganisationForm,
    choices: (viewer) => ({ parent: organisationChoices(ctx, viewer) }),
    body: organisationBody,
    valuesOf: (viewer, id) => {
      const organisation = organisations.getOrganisation(ctx, viewer, id);
      return { name: organisation.name, kind: organisation.kind, parent: organisation.parent ? String(organisation.parent.id) : '', description: organisation.description };
    },
    create: { schema: organisationCreate, save: (viewer, input) => pageRecord('organisations', organisations.createOrganisation(ctx, viewer, input).id) },
    update: { schema: organisationUpdate, save: (viewer, id, input) => pageRecord('organisations', organisations.updateOrganisation(ctx, viewer, id, input).id) },
  });
  router.get(`${pageCollection('organisations')}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'organisation');
    const organisation = organisations.getOrganisation(ctx, viewer, id);
    const parts = organisations.listOrganisations(ctx, viewer, { withinId: id }, { limit: 100 }).filter((part) => part.id !== id);
    sendHtml(
      res,
      <OrganisationPage
        page={pageContext(req, res)}
        organisation={organisation}
        parts={parts}
        posts={posts.listPosts(ctx, viewer, { organisationId: id }, { limit: 200 })}
        incidents={listIncidents(ctx, viewer, { organisationId: id }, { limit: 100 })}
        history={historyOf(ctx, viewer, 'organisations', id)}
        canWrite={canWriteRecords(viewer)}
      />,
    );
  });

  addRecordForms(router, routes, {
    resource: 'alternative-names',
    noun: 'alternative name',
    form: AlternativeNameForm,
    body: alternativeNameBody,
    valuesOf: (viewer, id) => {
      const name = names.getAlternativeName(ctx, viewer, id);
      return { name: name.name, kind: name.kind, language: name.language ?? '' };
    },
    create: { schema: alternativeNameCreate, save: (viewer, input) => ownerPage(names.createAlternativeName(ctx, viewer, input).owner) },
    update: { schema: alternativeNameUpdate, save: (viewer, id, input) => ownerPage(names.updateAlternativeName(ctx, viewer, id, input).owner) },
  });

  addRecordForms(router, routes, {
    resource: 'posts',
    noun: 'post',
    form: PostForm,
    choices: (viewer) => ({ person: personChoices(ctx, viewer), organisation: organisationChoices(ctx, viewer) }),
    body: postBody,
    valuesOf: (viewer, id) => {
      const post = posts.getPost(ctx, viewer, id);
      return { person: String(post.person.id), organisation: String(post.organisation.id), role: post.role, period: post.period ?? '' };
    },
    create: { schema: postCreate, save: (viewer, input) => pageRecord('persons', posts.createPost(ctx, viewer, input).person.id) },
    update: { schema: postUpdate, save: (viewer, id, input) => pageRecord('persons', posts.updatePost(ctx, viewer, id, input).person.id) },
  });

  addRecordForms(router, routes, {
    resource: 'involvements',
    noun: 'involvement',
    form: InvolvementForm,
    choices: (viewer) => ({ incident: incidentChoices(ctx, viewer), person: personChoices(ctx, viewer), organisation: organisationChoices(ctx, viewer) }),
    body: involvementBody,
    valuesOf: (viewer, id) => {
      const involvement = involvements.getInvolvement(ctx, viewer, id);
      return { role: involvement.role, description: involvement.description };
    },
    create: { schema: involvementCreate, save: (viewer, input) => pageRecord('incidents', involvements.createInvolvement(ctx, viewer, input).incident.id) },
    update: { schema: involvementUpdate, save: (viewer, id, input) => pageRecord('incidents', involvements.updateInvolvement(ctx, viewer, id, input).incident.id) },
  });

  return router;
}
