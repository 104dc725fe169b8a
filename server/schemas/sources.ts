/** Sources and the citations that tie their statements to claims. */
import { z } from 'zod';
import { claimKinds } from '../../db/queries/status.js';
import { edtf, httpUrl, id, languageTag, optionalText, pagingQuery, queryBoolean, queryId, requiredText, term } from './common.js';

const sourceFields = {
  kind: term('sourceKinds'),
  title: requiredText(500),
  publisher: optionalText(300).nullable(),
  author: optionalText(300).nullable(),
  url: httpUrl.nullable(),
  published: edtf.nullable(),
  language: languageTag.nullable(),
  reliability: term('reliabilityGrades'),
  restricted: z.boolean(),
  /** The source this one relays. */
  repeats: id.nullable(),
  archiveUrl: httpUrl.nullable(),
  notes: optionalText(10_000),
};

export const sourceCreate = z.strictObject({
  ...sourceFields,
  publisher: sourceFields.publisher.default(null),
  author: sourceFields.author.default(null),
  url: sourceFields.url.default(null),
  published: sourceFields.published.default(null),
  language: sourceFields.language.default(null),
  restricted: sourceFields.restricted.default(false),
  repeats: sourceFields.repeats.default(null),
  archiveUrl: sourceFields.archiveUrl.default(null),
  notes: sourceFields.notes.default(''),
});

export const sourceUpdate = z.strictObject(sourceFields).partial();

export const sourceListQuery = z.strictObject({
  kind: term('sourceKinds').optional(),
  reliability: term('reliabilityGrades').optional(),
  restricted: queryBoolean.optional(),
  repeats: queryId.optional(),
  ...pagingQuery,
});

const citationFields = {
  source: id,
  claim: z.strictObject({ kind: z.enum(claimKinds), id }),
  locator: optionalText(500),
  /** The exact words of the source. */
  quote: optionalText(10_000),
  stance: term('stances'),
  credibility: z.int().min(1).max(6),
};

export const citationCreate = z.strictObject({
  ...citationFields,
  locator: citationFields.locator.default(''),
  quote: citationFields.quote.default(''),
});

export const citationUpdate = z.strictObject(citationFields).omit({ claim: true }).partial();

export const citationListQuery = z.strictObject({
  source: queryId.optional(),
  claimKind: z.enum(claimKinds).optional(),
  claimId: queryId.optional(),
  stance: term('stances').optional(),
  ...pagingQuery,
});

export type SourceCreate = z.output<typeof sourceCreate>;
export type SourceUpdate = z.output<typeof sourceUpdate>;
export type SourceListQuery = z.output<typeof sourceListQuery>;
export type CitationCreate = z.output<typeof citationCreate>;
export type CitationUpdate = z.output<typeof citationUpdate>;
export type CitationListQuery = z.output<typeof citationListQuery>;
