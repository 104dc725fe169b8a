/**
 * The last step of every read for a viewer who may not see protected names: each string of the
 * result, whatever field it sits in, has those names replaced by pseudonyms. Structural hiding
 * (pseudonym instead of name, no aliases) happens in the views; this catches the names that
 * researchers write into summaries, quotes and descriptions.
 */
import type { Db } from '../../db/client.js';
import { protectedNames, protectedNamesVersion, publicPersonNames } from '../../db/queries/protected-names.js';
import { NameShield, type ShieldedName } from '../values/name-shield.js';
import { clearanceOf, type Viewer } from '../viewer.js';
import type { ServiceContext } from './context.js';

/** What a shield is built from: every protected name with its pseudonym, and the names of people who are not protected. */
export interface ShieldSource {
  readonly names: readonly ShieldedName[];
  readonly publicNames: readonly string[];
}

export function shieldSource(db: Db): ShieldSource {
  return { names: protectedNames(db), publicNames: publicPersonNames(db) };
}

/** The shield for these names; also built on a thread that has no database (a search rebuild's). */
export function shieldFrom(source: ShieldSource): NameShield {
  return new NameShield(source.names, source.publicNames);
}

const shields = new WeakMap<Db, { version: number; shield: NameShield }>();

/** The shield for the names protected now. */
export function shieldOf(db: Db): NameShield {
  const version = protectedNamesVersion(db);
  const cached = shields.get(db);
  if (cached?.version === version) return cached.shield;
  const shield = shieldFrom(shieldSource(db));
  shields.set(db, { version, shield });
  return shield;
}

/** `value` as this viewer may see it, with names shielded by `shield`. */
export function protectWith<T>(shield: NameShield, viewer: Viewer, value: T): T {
  return clearanceOf(viewer).protectedNames ? value : shield.value(value);
}

/** `value` as this viewer may see it. */
export function protect<T>(ctx: ServiceContext, viewer: Viewer, value: T): T {
  return clearanceOf(viewer).protectedNames ? value : shieldOf(ctx.db).value(value);
}
