/**
 * `--where <query>`: the selection of an export, as the API's query string
 * (`act=torture&date=2017-01&q=Argun&incident=3`), checked by the API's own schema.
 */
import { ValidationError } from '../../server/errors.js';
import { parseOrThrow } from '../../server/schemas/common.js';
import { selectionQuery, type SelectionQuery } from '../../server/schemas/exports.js';

/** A query string as the selection it names; repeated keys become lists, as in the API. */
export function parseWhere(where: string | undefined): SelectionQuery {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(where ?? '')) {
    const known = query[key];
    query[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  try {
    return parseOrThrow(selectionQuery, query);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const problems = error.issues.map((issue) => `${issue.path || 'where'}: ${issue.message}`).join('; ');
    throw new Error(`--where is not a selection Casebook understands (${problems}). Example: --where 'act=torture&date=2017-01&q=Argun'`);
  }
}

