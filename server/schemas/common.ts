/**
 * Building blocks of the request schemas. Every schema is strict: an unknown field is an error,
 * never silently dropped, so a typo cannot lose a researcher's input.
 */
import { z } from 'zod';
import { codesOf, type VocabularyName } from '../../db/vocabularies.js';
import { EdtfError, parseEdtf } from '../values/edtf-date.js';
import type { Issue } from '../errors.js';
import { ValidationError } from '../errors.js';

export const id = z.int().positive().max(Number.MAX_SAFE_INTEGER);

export function term<V extends VocabularyName>(vocabulary: V) {
  const codes = codesOf(vocabulary);
  // The message does not repeat the input: error messages never echo what might be a name.
  return z.enum(codes, { error: () => `not a term of the vocabulary ${vocabulary}; see /api/v1/vocabularies` });
}

/** Text a person typed: trimmed, at least one character, bounded. */
export function requiredText(max: number) {
  return z.string().trim().min(1, 'must not be empty').max(max);
}

export function optionalText(max: number) {
  return z.string().trim().max(max);
}

export const edtf = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .transform((text, ctx) => {
    try {
      return parseEdtf(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof EdtfError ? error.message : 'not an EDTF date' });
      return z.NEVER;
    }
  });

export const countRange = z
  .strictObject({
    min: z.int().min(0).max(1_000_000_000),
    max: z.int().min(0).max(1_000_000_000).nullable(),
  })
  .refine((range) => range.max === null || range.max >= range.min, { message: 'max must not be below min', path: ['max'] });

/** A BCP 47 language tag, canonicalised (`RU-cyrl` becomes `ru-Cyrl`). */
export const languageTag = z
  .string()
  .trim()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'not a BCP 47 language tag (for example en, ru, ru-Latn, ce)' });
    return z.NEVER;
  });

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000);

export const alternativeNameFields = {
  name: requiredText(300),
  kind: term('alternativeNameKinds'),
  language: languageTag.nullable().optional(),
};

/** An alternative name given together with its owner at creation. */
export const inlineAlternativeName = z.strictObject(alternativeNameFields);

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses with a schema or throws a ValidationError listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesOf(result.error).map((issue) => ({ ...issue, path: [prefix, issue.path].filter(Boolean).join('.') }));
  throw new ValidationError(issues);
}

/** A query-string value that may be repeated (`?act=a&act=b`). */
export function repeated<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).max(50)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);
}

export const queryId = z.coerce.number().pipe(id);

export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const pagingQuery = {
  limit: z.coerce.number().pipe(z.int().min(1).max(500)).default(50),
  cursor: z.lazy(() => cursor).optional(),
};

/** Cursors are opaque to clients: the last id of the page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(String(lastId)).toString('base64url');
}

export const cursor = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const decoded = Buffer.from(text, 'base64url').toString();
    const lastId = Number(decoded);
    if (/^\d{1,16}$/.test(decoded) && Number.isSafeInteger(lastId)) return lastId;
    ctx.addIssue({ code: 'custom', message: 'not a cursor from this API; follow the "next" link of a previous page' });
    return z.NEVER;
  });
