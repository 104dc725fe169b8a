import { Router } from 'express';
import { ValidationError } from '../errors.js';
import { citationCreate, citationListQuery, citationUpdate, sourceCreate, sourceListQuery, sourceUpdate } from '../schemas/sources.js';
import * as citationService from '../services/citations.js';
import * as sourceService from '../services/sources.js';
import { addRecordRoutes, type RouteContext } from './resource.js';

export function sourceRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'sources',
    noun: 'source',
    listQuery: sourceListQuery,
    list: (viewer, { repeats, ...filter }, page) => sourceService.listSources(ctx, viewer, { ...filter, repeatsId: repeats }, page),
    get: (viewer, id) => sourceService.getSource(ctx, viewer, id),
    createBody: sourceCreate,
    create: (viewer, body) => sourceService.createSource(ctx, viewer, body),
    updateBody: sourceUpdate,
    update: (viewer, id, body) => sourceService.updateSource(ctx, viewer, id, body),
    remove: (viewer, id) => sourceService.deleteSource(ctx, viewer, id),
  });
}

export function citationRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'citations',
    noun: 'citation',
    listQuery: citationListQuery,
    list: (viewer, { source, claimKind, claimId, stance }, page) => {
      if ((claimKind === undefined) !== (claimId === undefined)) {
        throw new ValidationError([{ path: 'query.claimKind', message: 'claimKind and claimId go together' }]);
      }
      const claim = claimKind && claimId ? { kind: claimKind, id: claimId } : undefined;
      return citationService.listCitations(ctx, viewer, { sourceId: source, claim, stance }, page);
    },
    get: (viewer, id) => citationService.getCitation(ctx, viewer, id),
    createBody: citationCreate,
    create: (viewer, body) => citationService.createCitation(ctx, viewer, body),
    updateBody: citationUpdate,
    update: (viewer, id, body) => citationService.updateCitation(ctx, viewer, id, body),
    remove: (viewer, id) => citationService.deleteCitation(ctx, viewer, id),
  });
}
