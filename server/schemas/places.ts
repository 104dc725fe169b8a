/** Locations and organisations: named places and bodies in a hierarchy, with alternative names. */
import { z } from 'zod';
import { id, inlineAlternativeName, optionalText, pagingQuery, queryId, requiredText, term } from './common.js';

const point = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Radius in metres within which the true place lies. */
  precisionMeters: z.int().min(1).max(20_000_000),
});

const locationFields = {
  name: requiredText(300),
  kind: term('locationKinds'),
  parent: id.nullable(),
  point: point.nullable(),
  description: optionalText(5_000),
};

export const locationCreate = z.strictObject({
  ...locationFields,
  parent: locationFields.parent.default(null),
  point: locationFields.point.default(null),
  description: locationFields.description.default(''),
  alternativeNames: z.array(inlineAlternativeName).max(50).default([]),
});

export const locationUpdate = z.strictObject(locationFields).partial();

const nameFilter = z.string().trim().min(1).max(200);

export const locationListQuery = z.strictObject({
  name: nameFilter.optional(),
  kind: term('locationKinds').optional(),
  /** Places inside this one, at any depth. */
  within: queryId.optional(),
  ...pagingQuery,
});

const organisationFields = {
  name: requiredText(300),
  kind: term('organisationKinds'),
  parent: id.nullable(),
  description: optionalText(5_000),
};

export const organisationCreate = z.strictObject({
  ...organisationFields,
  parent: organisationFields.parent.default(null),
  description: organisationFields.description.default(''),
  alternativeNames: z.array(inlineAlternativeName).max(50).default([]),
});

export const organisationUpdate = z.strictObject(organisationFields).partial();

export const organisationListQuery = z.strictObject({
  name: nameFilter.optional(),
  kind: term('organisationKinds').optional(),
  within: queryId.optional(),
  ...pagingQuery,
});

export type LocationCreate = z.output<typeof locationCreate>;
export type LocationUpdate = z.output<typeof locationUpdate>;
export type LocationListQuery = z.output<typeof locationListQuery>;
export type OrganisationCreate = z.output<typeof organisationCreate>;
export type OrganisationUpdate = z.output<typeof organisationUpdate>;
export type OrganisationListQuery = z.output<typeof organisationListQuery>;
