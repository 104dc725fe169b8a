import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import { findReferrers, missingIds } from '../../db/queries/references.js';
import { ConflictError, NotFoundError, ValidationError, type Issue } from '../errors.js';

/** What every service function works with. The clock is injectable so tests can fix time. */
export interface ServiceContext {
  readonly db: Db;
  readonly now: () => Date;
}

export function timestamp(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

/** A reference from a request body to another record, with the field path it came from. */
export interface BodyReference {
  readonly path: string;
  readonly table: SQLiteTable;
  readonly id: number | null | undefined;
  /** Singular noun for messages: "location". */
  readonly noun: string;
}

/** Throws one ValidationError naming every referenced record that does not exist. */
export function assertReferencesExist(ctx: ServiceContext, references: readonly BodyReference[], extra: Issue[] = []): void {
  const issues = [...extra];
  for (const reference of references) {
    if (reference.id === null || reference.id === undefined) continue;
    if (missingIds(ctx.db, reference.table, [reference.id]).length > 0) {
      issues.push({ path: reference.path, message: `there is no ${reference.noun} ${reference.id}` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

export function notFound(noun: string, id: number): NotFoundError {
  return new NotFoundError(`There is no ${noun} ${id}.`);
}

/** Refuses the delete with 409 when other records still point at this one, naming them by kind and id. */
export function assertUnreferenced(ctx: ServiceContext, table: SQLiteTable, noun: string, id: number): void {
  const referrers = findReferrers(ctx.db, table, id);
  if (referrers.length === 0) return;
  const list = referrers.map((r) => `${r.kind} ${r.ids.join(', ')}${r.count > r.ids.length ? ` and ${r.count - r.ids.length} more` : ''}`);
  throw new ConflictError(`${noun} ${id} is still referenced by ${list.join('; ')}. Remove or change those first.`, {
    referencedBy: referrers,
  });
}

