/**
 * A submitted form as the pages read it, and the few conversions from its strings to what the
 * request schemas (server/schemas) expect. Conversions never judge: a value that is not a number
 * is passed on as the string it is, so the schema's own message reaches the field.
 */
import type { Request } from 'express';
import type { Issue } from '../errors.js';

export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** The fields of a urlencoded body (or a query string), without the CSRF token. */
export function formValues(source: Request['body'] | Request['query']): FormValues {
  const values: Record<string, string | string[]> = {};
  if (typeof source !== 'object' || source === null) return values;
  for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return values;
}

/** One value: the first if the field was sent more than once, '' if it was not sent. */
export function one(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? value[0] : (value as string | undefined)) ?? '';
}

export function many(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? [...value] : [value as string];
}

/** A number field: '' is absent (undefined), digits a number, anything else the text itself for the schema to refuse. */
export function numberOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** A field whose empty value means "none": null, else the text. */
export function textOrNull(text: string): string | null {
  return text.trim() === '' ? null : text;
}

export function idsOf(texts: readonly string[]): (number | string)[] {
  return texts.filter((text) => text.trim() !== '').map((text) => numberOf(text)!);
}

/** A count range from two fields: both empty is no range; an empty maximum is an open one. */
export function rangeOf(min: string, max: string): { min: number | string | undefined; max: number | string | null } | null {
  if (min.trim() === '' && max.trim() === '') return null;
  return { min: numberOf(min), max: numberOf(max) ?? null };
}

/** Issues whose path is this field or lies inside it. */
export function issuesFor(issues: readonly Issue[], ...paths: string[]): Issue[] {
  return issues.filter((issue) => paths.some((path) => issue.path === path || issue.path.startsWith(`${path}.`)));
}
