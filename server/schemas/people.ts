/** Persons, their alternative names, posts and involvements. */
import { z } from 'zod';
import { alternativeNameFields, edtf, id, inlineAlternativeName, optionalText, pagingQuery, queryId, requiredText, term } from './common.js';

const personFields = {
  name: requiredText(300),
  protection: term('protections'),
  description: optionalText(5_000),
};

export const personCreate = z.strictObject({
  ...personFields,
  // Victims and witnesses are protected unless a researcher decides otherwise.
  protection: personFields.protection.default('protected'),
  description: personFields.description.default(''),
  /** Chooses the pseudonym's letter (V, W or P); the number is drawn at random. */
  pseudonymKind: term('pseudonymKinds').default('person'),
  alternativeNames: z.array(inlineAlternativeName).max(50).default([]),
});

export const personUpdate = z.strictObject(personFields).partial();

export const personListQuery = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  protection: term('protections').optional(),
  ...pagingQuery,
});

export const alternativeNameCreate = z.strictObject({
  ...alternativeNameFields,
  language: alternativeNameFields.language.default(null),
  person: id.optional(),
  organisation: id.optional(),
  location: id.optional(),
});

export const alternativeNameUpdate = z.strictObject(alternativeNameFields).partial();

export const alternativeNameListQuery = z.strictObject({
  person: queryId.optional(),
  organisation: queryId.optional(),
  location: queryId.optional(),
  kind: term('alternativeNameKinds').optional(),
  ...pagingQuery,
});

const postFields = {
  person: id,
  organisation: id,
  role: requiredText(300),
  period: edtf.nullable(),
};

export const postCreate = z.strictObject({ ...postFields, period: postFields.period.default(null) });
export const postUpdate = z.strictObject(postFields).partial();

export const postListQuery = z.strictObject({
  person: queryId.optional(),
  organisation: queryId.optional(),
  /** Posts whose period overlaps this EDTF date. */
  date: edtf.optional(),
  ...pagingQuery,
});

const involvementFields = {
  incident: id,
  person: id,
  organisation: id,
  role: term('involvementRoles'),
  description: optionalText(5_000),
};

export const involvementCreate = z.strictObject({
  ...involvementFields,
  person: involvementFields.person.optional(),
  organisation: involvementFields.organisation.optional(),
  description: involvementFields.description.default(''),
});

export const involvementUpdate = z.strictObject({ role: involvementFields.role, description: involvementFields.description }).partial();

export const involvementListQuery = z.strictObject({
  incident: queryId.optional(),
  person: queryId.optional(),
  organisation: queryId.optional(),
  role: term('involvementRoles').optional(),
  ...pagingQuery,
});

export type PersonCreate = z.output<typeof personCreate>;
export type PersonUpdate = z.output<typeof personUpdate>;
export type PersonListQuery = z.output<typeof personListQuery>;
export type AlternativeNameCreate = z.output<typeof alternativeNameCreate>;
export type AlternativeNameUpdate = z.output<typeof alternativeNameUpdate>;
export type AlternativeNameListQuery = z.output<typeof alternativeNameListQuery>;
export type PostCreate = z.output<typeof postCreate>;
export type PostUpdate = z.output<typeof postUpdate>;
export type PostListQuery = z.output<typeof postListQuery>;
export type InvolvementCreate = z.output<typeof involvementCreate>;
export type InvolvementUpdate = z.output<typeof involvementUpdate>;
export type InvolvementListQuery = z.output<typeof involvementListQuery>;
