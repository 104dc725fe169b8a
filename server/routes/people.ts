import { Router } from 'express';
import {
  alternativeNameCreate,
  alternativeNameListQuery,
  alternativeNameUpdate,
  involvementCreate,
  involvementListQuery,
  involvementUpdate,
  personCreate,
  personListQuery,
  personUpdate,
  postCreate,
  postListQuery,
  postUpdate,
} from '../schemas/people.js';
import * as alternativeNameService from '../services/alternative-names.js';
import * as involvementService from '../services/involvements.js';
import * as personService from '../services/persons.js';
import * as postService from '../services/posts.js';
import { addRecordRoutes, type RouteContext } from './resource.js';

export function personRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'persons',
    noun: 'person',
    listQuery: personListQuery,
    list: (viewer, filter, page) => personService.listPersons(ctx, viewer, filter, page),
    get: (viewer, id) => personService.getPerson(ctx, viewer, id),
    createBody: personCreate,
    create: (viewer, body) => personService.createPerson(ctx, viewer, body),
    updateBody: personUpdate,
    update: (viewer, id, body) => personService.updatePerson(ctx, viewer, id, body),
    remove: (viewer, id) => personService.deletePerson(ctx, viewer, id),
  });
}

export function alternativeNameRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'alternative-names',
    noun: 'alternative name',
    listQuery: alternativeNameListQuery,
    list: (viewer, { person, organisation, location, kind }, page) =>
      alternativeNameService.listAlternativeNames(ctx, viewer, { personId: person, organisationId: organisation, locationId: location, kind }, page),
    get: (viewer, id) => alternativeNameService.getAlternativeName(ctx, viewer, id),
    createBody: alternativeNameCreate,
    create: (viewer, body) => alternativeNameService.createAlternativeName(ctx, viewer, body),
    updateBody: alternativeNameUpdate,
    update: (viewer, id, body) => alternativeNameService.updateAlternativeName(ctx, viewer, id, body),
    remove: (viewer, id) => alternativeNameService.deleteAlternativeName(ctx, viewer, id),
  });
}

export function postRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'posts',
    noun: 'post',
    listQuery: postListQuery,
    list: (viewer, { person, organisation, date }, page) =>
      postService.listPosts(ctx, viewer, { personId: person, organisationId: organisation, dateSpan: date }, page),
    get: (viewer, id) => postService.getPost(ctx, viewer, id),
    createBody: postCreate,
    create: (viewer, body) => postService.createPost(ctx, viewer, body),
    updateBody: postUpdate,
    update: (viewer, id, body) => postService.updatePost(ctx, viewer, id, body),
    remove: (viewer, id) => postService.deletePost(ctx, viewer, id),
  });
}

export function involvementRoutes(routes: RouteContext): Router {
  const { ctx } = routes;
  return addRecordRoutes(Router(), routes, {
    resource: 'involvements',
    noun: 'involvement',
    listQuery: involvementListQuery,
    list: (viewer, { incident, person, organisation, role }, page) =>
      involvementService.listInvolvements(ctx, viewer, { incidentId: incident, personId: person, organisationId: organisation, role }, page),
    get: (viewer, id) => involvementService.getInvolvement(ctx, viewer, id),
    createBody: involvementCreate,
    create: (viewer, body) => involvementService.createInvolvement(ctx, viewer, body),
    updateBody: involvementUpdate,
    update: (viewer, id, body) => involvementService.updateInvolvement(ctx, viewer, id, body),
    remove: (viewer, id) => involvementService.deleteInvolvement(ctx, viewer, id),
  });
}
