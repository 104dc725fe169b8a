/** Pages of incidents: the filtered list, the record, and its forms. */
import { Router, type Request, type Response } from 'express';
import type { Issue } from '../errors.js';
import type { FormValues } from './form-values.js';
import { requireRole } from '../auth/middleware.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { incidentCreate, incidentListQuery, incidentUpdate } from '../schemas/incidents.js';
import { listEvidence } from '../services/evidence.js';
import * as service from '../services/incidents.js';
import { pageCollection, pageRecord } from '../urls.js';
import { canWriteRecords, clearanceOf } from '../viewer.js';
import { pageContext } from './page-context.js';
import { IncidentFormPage, incidentBody, incidentValues } from './pages/incident-form.js';
import { IncidentListPage, IncidentPage } from './pages/incidents.js';
import { filledQuery, historyOf, locationChoices, onePage, organisationChoices, parseListQuery, personChoices } from './reads.js';
import { sendHtml } from './render.js';
import { submitForm } from './submit.js';


export function incidentPages({ ctx, logger }: RouteContext): Router {
  const router = Router();
  const base = pageCollection('incidents');
  const writer = requireRole(canWriteRecords, 'change records', logger);

  router.get(base, (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(incidentListQuery, query);
    const filter = parsed ? service.incidentFilterOf(parsed) : undefined;
    const list = filter ? onePage((page) => service.listIncidents(ctx, viewer, filter, page), parsed!.cursor, parsed!.limit) : { items: [], next: null };
    const choices = { locations: locationChoices(ctx, viewer), organisations: organisationChoices(ctx, viewer), persons: personChoices(ctx, viewer) };
    sendHtml(
      res,
      <IncidentListPage
        page={pageContext(req, res)}
        items={list.items}
        next={list.next}
        query={query}
        issues={issues}
        summary={filter && service.summariseIncidentSelection(ctx, viewer, filter)}
        choices={choices}
        canWrite={canWriteRecords(viewer)}
        csvProfile={clearanceOf(viewer).protectedNames ? 'internal' : 'public'}
      />,
      issues.length > 0 ? 400 : 200,
    );
  });

  const form = (req: Request, res: Response, id?: number) => ({ values, issues }: { values: FormValues; issues: readonly Issue[] }) => (
      <IncidentFormPage page={pageContext(req, res)} id={id} values={values} issues={issues} locations={locationChoices(ctx, viewerOf(res))} />
    );

  router.get(`${base}/new`, writer, (req, res) => {
    sendHtml(res, form(req, res)({ values: {}, issues: [] }));
  });
  router.post(`${base}/new`, writer, (req, res) =>
    submitForm(req, res, {
      schema: incidentCreate,
      body: incidentBody,
      save: (viewer, input) => pageRecord('incidents', service.createIncident(ctx, viewer, input).id),
      again: (values, issues) => form(req, res)({ values, issues }),
    }),
  );

  router.get(`${base}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'incident');
    const incident = service.getIncident(ctx, viewer, id);
    const evidence = listEvidence(ctx, viewer, { incidentId: id }, { limit: 50 });
    sendHtml(res, <IncidentPage page={pageContext(req, res)} incident={incident} evidence={evidence} history={historyOf(ctx, viewer, 'incidents', id)} canWrite={canWriteRecords(viewer)} />);
  });
  router.get(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, 'incident');
    sendHtml(res, form(req, res, id)({ values: incidentValues(service.getIncident(ctx, viewerOf(res), id)), issues: [] }));
  });
  router.post(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, 'incident');
    return submitForm(req, res, {
      schema: incidentUpdate,
      body: incidentBody,
      save: (viewer, input) => pageRecord('incidents', service.updateIncident(ctx, viewer, id, input).id),
      again: (values, issues) => form(req, res, id)({ values, issues }),
    });
  });
  return router;
}
