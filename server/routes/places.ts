import { Router } from 'express';
import { locationCreate, locationListQuery, locationUpdate, organisationCreate, organisationListQuery, organisationUpdate } from '../schemas/places.js';
import * as locationService from '../services/locations.js';
import * as organisationService from '../services/organisations.js';
import { addRecordRoutes, type RouteContext } from './resource.js';

export function locationRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'locations',
    noun: 'location',
    listQuery: locationListQuery,
    list: (viewer, { within, ...filter }, page) => locationService.listLocations(ctx, viewer, { ...filter, withinId: within }, page),
    get: (viewer, id) => locationService.getLocation(ctx, viewer, id),
    createBody: locationCreate,
    create: (viewer, body) => locationService.createLocation(ctx, viewer, body),
    updateBody: locationUpdate,
    update: (viewer, id, body) => locationService.updateLocation(ctx, viewer, id, body),
    remove: (viewer, id) => locationService.deleteLocation(ctx, viewer, id),
  });
}

export function organisationRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'organisations',
    noun: 'organisation',
    listQuery: organisationListQuery,
    list: (viewer, { within, ...filter }, page) => organisationService.listOrganisations(ctx, viewer, { ...filter, withinId: within }, page),
    get: (viewer, id) => organisationService.getOrganisation(ctx, viewer, id),
    createBody: organisationCreate,
    create: (viewer, body) => organisationService.createOrganisation(ctx, viewer, body),
    updateBody: organisationUpdate,
    update: (viewer, id, body) => organisationService.updateOrganisation(ctx, viewer, id, body),
    remove: (viewer, id) => organisationService.deleteOrganisation(ctx, viewer, id),
  });
}
