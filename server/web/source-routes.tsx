/** Pages of places and sources, and the citation forms ("cite this" next to a claim). */
import { Router } from 'express';
import type { ClaimKind } from '../../db/queries/status.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { locationCreate, locationListQuery, locationUpdate } from '../schemas/places.js';
import { citationCreate, citationUpdate, sourceCreate, sourceListQuery, sourceUpdate } from '../schemas/sources.js';
import { getAlternativeName } from '../services/alternative-names.js';
import * as citations from '../services/citations.js';
import type { ServiceContext } from '../services/context.js';
import { listIncidents } from '../services/incidents.js';
import { getInvolvement } from '../services/involvements.js';
import * as locations from '../services/locations.js';
import { getPost } from '../services/posts.js';
import * as sources from '../services/sources.js';
import { pageCollection, pageRecord } from '../urls.js';
import { canWriteRecords, type Viewer } from '../viewer.js';
import { pageContext } from './page-context.js';
import { LocationListPage, LocationPage, SourceListPage, SourcePage } from './pages/places-sources.js';
import { CitationForm, citationBody, LocationForm, locationBody, SourceForm, sourceBody } from './pages/record-forms.js';
import { ownerPage } from './people-routes.js';
import { filledQuery, historyOf, locationChoices, onePage, parseListQuery, sourceChoices } from './reads.js';
import { addRecordForms } from './record-forms.js';
import { seeOther, sendHtml } from './render.js';

/** The page that shows a claim, where its citations are listed. */
function claimPage(ctx: ServiceContext, viewer: Viewer, claim: { kind: ClaimKind; id: number }): string {
  switch (claim.kind) {
    case 'incident':
      return pageRecord('incidents', claim.id);
    case 'location':
      return pageRecord('locations', claim.id);
    case 'involvement':
      return pageRecord('incidents', getInvolvement(ctx, viewer, claim.id).incident.id);
    case 'post':
      return pageRecord('persons', getPost(ctx, viewer, claim.id).person.id);
    case 'alternative-name':
      return ownerPage(getAlternativeName(ctx, viewer, claim.id).owner);
  }
}

export function sourcePages(routes: RouteContext): Router {
  const { ctx } = routes;
  const router = Router();

  router.get(pageCollection('locations'), (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(locationListQuery, query);
    const list = parsed ? onePage((page) => locations.listLocations(ctx, viewer, { name: parsed.name, kind: parsed.kind, withinId: parsed.within }, page), parsed.cursor, parsed.limit) : { items: [], next: null };
    sendHtml(res, <LocationListPage page={pageContext(req, res)} items={list.items} next={list.next} query={query} issues={issues} canWrite={canWriteRecords(viewer)} />, issues.length ? 400 : 200);
  });
  addRecordForms(router, routes, {
    resource: 'locations',
    noun: 'place',
    form: LocationForm,
    choices: (viewer) => ({ parent: locationChoices(ctx, viewer) }),
    body: locationBody,
    valuesOf: (viewer, id) => {
      const place = locations.getLocation(ctx, viewer, id);
      const point = place.point;
      return {
        name: place.name,
        kind: place.kind,
        parent: place.parent ? String(place.parent.id) : '',
        latitude: point ? String(point.latitude) : '',
        longitude: point ? String(point.longitude) : '',
        precisionMeters: point?.precisionMeters ? String(point.precisionMeters) : '',
        description: place.description,
      };
    },
    create: { schema: locationCreate, save: (viewer, input) => pageRecord('locations', locations.createLocation(ctx, viewer, input).id) },
    update: { schema: locationUpdate, save: (viewer, id, input) => pageRecord('locations', locations.updateLocation(ctx, viewer, id, input).id) },
  });
  router.get(`${pageCollection('locations')}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'place');
    const place = locations.getLocation(ctx, viewer, id);
    const within = locations.listLocations(ctx, viewer, { withinId: id }, { limit: 100 }).filter((inner) => inner.id !== id);
    const incidents = listIncidents(ctx, viewer, { locationId: id }, { limit: 100 });
    sendHtml(res, <LocationPage page={pageContext(req, res)} place={place} within={within} incidents={incidents} history={historyOf(ctx, viewer, 'locations', id)} canWrite={canWriteRecords(viewer)} />);
  });

  router.get(pageCollection('sources'), (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(sourceListQuery, query);
    const list = parsed
      ? onePage((page) => sources.listSources(ctx, viewer, { kind: parsed.kind, reliability: parsed.reliability, restricted: parsed.restricted, repeatsId: parsed.repeats }, page), parsed.cursor, parsed.limit)
      : { items: [], next: null };
    sendHtml(res, <SourceListPage page={pageContext(req, res)} items={list.items} next={list.next} query={query} issues={issues} canWrite={canWriteRecords(viewer)} />, issues.length ? 400 : 200);
  });
  addRecordForms(router, routes, {
    resource: 'sources',
    noun: 'source',
    form: SourceForm,
    choices: (viewer) => ({ repeats: sourceChoices(ctx, viewer) }),
    body: sourceBody,
    valuesOf: (viewer, id) => {
      const source = sources.getSource(ctx, viewer, id);
      return {
        kind: source.kind,
        title: source.title,
        publisher: source.publisher ?? '',
        author: source.author ?? '',
        url: source.url ?? '',
        published: source.published ?? '',
        language: source.language ?? '',
        reliability: source.reliability,
        restricted: source.restricted ? 'true' : '',
        repeats: source.repeats === null ? '' : String(source.repeats),
        archiveUrl: source.archiveUrl ?? '',
        notes: source.notes,
      };
    },
    create: { schema: sourceCreate, save: (viewer, input) => pageRecord('sources', sources.createSource(ctx, viewer, input).id) },
    update: { schema: sourceUpdate, save: (viewer, id, input) => pageRecord('sources', sources.updateSource(ctx, viewer, id, input).id) },
  });
  router.get(`${pageCollection('sources')}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'source');
    const source = sources.getSource(ctx, viewer, id);
    const cited = citations.listCitations(ctx, viewer, { sourceId: id }, { limit: 200 });
    sendHtml(res, <SourcePage page={pageContext(req, res)} source={source} citations={cited} history={historyOf(ctx, viewer, 'sources', id)} canWrite={canWriteRecords(viewer)} />);
  });

  addRecordForms(router, routes, {
    resource: 'citations',
    noun: 'citation',
    form: CitationForm,
    choices: (viewer) => ({ source: sourceChoices(ctx, viewer) }),
    body: citationBody,
    valuesOf: (viewer, id) => {
      const citation = citations.getCitation(ctx, viewer, id);
      return {
        source: 'id' in citation.source ? String(citation.source.id) : '',
        locator: citation.locator ?? '',
        quote: citation.quote ?? '',
        stance: citation.stance,
        credibility: String(citation.credibility),
      };
    },
    create: { schema: citationCreate, save: (viewer, input) => `${claimPage(ctx, viewer, input.claim)}#citation-${citations.createCitation(ctx, viewer, input).id}` },
    update: {
      schema: citationUpdate,
      save: (viewer, id, input) => {
        const citation = citations.updateCitation(ctx, viewer, id, input);
        return `${claimPage(ctx, viewer, citation.claim)}#citation-${id}`;
      },
    },
  });
  // A citation is read on the page of its claim.
  router.get(`${pageCollection('citations')}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const citation = citations.getCitation(ctx, viewer, recordId(req, 'citation'));
    seeOther(res, `${claimPage(ctx, viewer, citation.claim)}#citation-${citation.id}`);
  });

  return router;
}
