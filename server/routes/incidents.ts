import { Router } from 'express';
import { incidentCreate, incidentFilterQuery, incidentListQuery, incidentUpdate } from '../schemas/incidents.js';
import * as service from '../services/incidents.js';
import { addRecordRoutes, parseQuery, type RouteContext, viewerOf } from './resource.js';

export function incidentRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  const router = Router();
  router.get('/summary', (req, res) => {
    res.json(service.summariseIncidentSelection(ctx, viewerOf(res), service.incidentFilterOf(parseQuery(incidentFilterQuery, req))));
  });
  return addRecordRoutes(router, routes, {
    resource: 'incidents',
    noun: 'incident',
    listQuery: incidentListQuery,
    list: (viewer, query, page) => service.listIncidents(ctx, viewer, service.incidentFilterOf(query), page),
    get: (viewer, id) => service.getIncident(ctx, viewer, id),
    createBody: incidentCreate,
    create: (viewer, body) => service.createIncident(ctx, viewer, body),
    updateBody: incidentUpdate,
    update: (viewer, id, body) => service.updateIncident(ctx, viewer, id, body),
    remove: (viewer, id) => service.deleteIncident(ctx, viewer, id),
  });
}
