import { locations, organisations } from '../../db/schema.js';
import { wouldLoop } from '../../db/queries/places.js';
import { ValidationError } from '../errors.js';
import { assertReferencesExist, type ServiceContext } from './context.js';

const tables = { locations, organisations } as const;
const nouns = { locations: 'location', organisations: 'organisation' } as const;

/** Checks a new parent exists and, for an existing record, that it is not the record or inside it. */
export function assertValidParent(ctx: ServiceContext, table: keyof typeof tables, parent: number | null | undefined, selfId?: number): void {
  if (parent === null || parent === undefined) return;
  assertReferencesExist(ctx, [{ path: 'parent', table: tables[table], id: parent, noun: nouns[table] }]);
  if (selfId !== undefined && wouldLoop(ctx.db, table, selfId, parent)) {
    throw new ValidationError([{ path: 'parent', message: `${nouns[table]} ${parent} is this ${nouns[table]} or lies inside it; a hierarchy cannot loop` }]);
  }
}
