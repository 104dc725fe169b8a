import { withSearchRebuiltAfter } from '../../search/indexer.js';
import type { ServiceContext } from '../context.js';

/**
 * Runs an import's load, then rebuilds whatever is derived from the rows, all inside the import's
 * transaction: derived data is built once, in one pass, rather than row by row as the rows go
 * in, and a failure in either rolls the whole import back.
 */
export function withRebuildAfterImport<T>(ctx: ServiceContext, onIndexProgress: ((done: number, total: number) => void) | undefined, load: () => Promise<T>): Promise<T> {
  // search index: the per-row triggers are set aside during the load and both worlds rebuilt after it (server/search/indexer.ts).
  return withSearchRebuiltAfter(ctx, load, onIndexProgress);
}
