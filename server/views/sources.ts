import type { Source } from '../../db/schema.js';
import { visibleSourceRef } from './refs.js';

/** A source in full, for a viewer the caller has checked may see it. */
export function sourceView(source: Source) {
  return {
    ...visibleSourceRef(source),
    /** The original this source counts as for corroboration. */
    origin: source.repeatsSourceId ?? source.id,
    language: source.language,
    archiveUrl: source.archiveUrl,
    notes: source.notes,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
