import { z } from 'zod';
import { corroborations } from '../../db/queries/status.js';
import { countRange, edtf, id, optionalText, pagingQuery, queryBoolean, queryId, repeated, requiredText, term } from './common.js';

const fields = {
  title: requiredText(300),
  summary: optionalText(20_000),
  actTypes: z.array(term('actTypes')).min(1, 'name at least one act type').max(30),
  date: edtf,
  locations: z.array(id).max(100),
  victims: countRange.nullable(),
};

export const incidentCreate = z.strictObject({
  ...fields,
  summary: fields.summary.default(''),
  locations: fields.locations.default([]),
  victims: fields.victims.default(null),
});

export const incidentUpdate = z.strictObject(fields).partial();

export const incidentFilterQuery = z.strictObject({
  act: repeated(term('actTypes')).optional(),
  location: queryId.optional(),
  person: queryId.optional(),
  organisation: queryId.optional(),
  date: edtf.optional(),
  corroboration: z.enum(corroborations).optional(),
  disputed: queryBoolean.optional(),
});

export const incidentListQuery = incidentFilterQuery.extend(pagingQuery);

export type IncidentCreate = z.output<typeof incidentCreate>;
export type IncidentUpdate = z.output<typeof incidentUpdate>;
export type IncidentFilterQuery = z.output<typeof incidentFilterQuery>;
