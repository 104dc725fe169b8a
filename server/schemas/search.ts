import { z } from 'zod';
import { searchKinds } from '../../db/queries/search.js';
import { MAX_QUERY_LENGTH } from '../search/query.js';
import { pagingQuery, queryBoolean, repeated } from './common.js';
import { incidentFilterQuery } from './incidents.js';

// The query's own length limit is checked by the parser, with a message saying how long it was;
// this bound only keeps absurd inputs from being copied around first.
const searchFields = {
  q: z.string().min(1, 'type a word to search for').max(MAX_QUERY_LENGTH * 20),
  kind: repeated(z.enum(searchKinds)).optional(),
};

export const searchQuery = incidentFilterQuery.extend({
  ...searchFields,
  order: z.enum(['relevance', 'newest']).optional(),
  facets: queryBoolean.optional(),
  ...pagingQuery,
});

/** Whole results (.json, .csv) have no pages. */
export const searchExportQuery = incidentFilterQuery.extend(searchFields);

export type SearchQuery = z.output<typeof searchQuery>;
export type SearchExportQuery = z.output<typeof searchExportQuery>;
