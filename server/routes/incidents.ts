import { Router } from 'express';
import { incidentCreate, incidentFilterQuery, incidentListQuery, incidentUpdate, type IncidentFilterQuery } from '../schemas/incidents.js';
import type { IncidentFilter } from '../../db/queries/incidents.js';
import * as service from '../services/incidents.js';
import { addRecordRoutes, parseQuery, type RouteContext, viewerOf } from './resource.js';

/** The incident filters of a query string, as the list, the summary and search take them. */
export function toFilter(query: IncidentFilterQuery): IncidentFilter {
  return {
    actTypes: query.act,
    locationId: query.location,
    personId: query.person,
    organisationId: query.organisation,
    dateSpan: query.date,
    corroboration: query.corroboration,
    disputed: query.disputed,
  };
}

export function incidentRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  const router = Router();
  router.get('/summary', (req, res) => {
    res.json(service.summariseIncidentSelection(ctx, viewerOf(res), toFilter(parseQuery(incidentFilterQuery, req))));
  });
  return addRecordRoutes(router, routes, {
    resource: 'incidents',
    noun: 'incident',
    listQuery: incidentListQuery,
    list: (viewer, query, page) => service.listIncidents(ctx, viewer, toFilter(query), page),
    get: (viewer, id) => service.getIncident(ctx, viewer, id),
    createBody: incidentCreate,
    create: (viewer, body) => service.createIncident(ctx, viewer, body),
    updateBody: incidentUpdate,
    update: (viewer, id, body) => service.updateIncident(ctx, viewer, id, body),
    remove: (viewer, id) => service.deleteIncident(ctx, viewer, id),
  });
}
