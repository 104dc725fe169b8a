/**
 * The last step of every read for a viewer who may not see protected names: each string of the
 * result, whatever field it sits in, has those names replaced by pseudonyms. Structural hiding
 * (pseudonym instead of name, no aliases) happens in the views; this catches the names that
 * researchers write into summaries, quotes and descriptions.
 */
import type { Db } from '../../db/client.js';
import { protectedNames, protectedNamesVersion, publicPersonNames } from '../../db/queries/protected-names.js';
import { NameShield } from '../values/name-shield.js';
import { clearanceOf, type Viewer } from '../viewer.js';
import type { ServiceContext } from './context.js';

const shields = new WeakMap<Db, { version: number; shield: NameShield }>();

function shieldOf(db: Db): NameShield {
  const version = protectedNamesVersion(db);
  const cached = shields.get(db);
  if (cached?.version === version) return cached.shield;
  const shield = new NameShield(protectedNames(db), publicPersonNames(db));
  shields.set(db, { version, shield });
  return shield;
}

/** `value` as this viewer may see it. */
export function protect<T>(ctx: ServiceContext, viewer: Viewer, value: T): T {
  return clearanceOf(viewer).protectedNames ? value : shieldOf(ctx.db).value(value);
}
