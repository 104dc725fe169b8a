import type { Source } from '../../db/schema.js';
import { clearanceOf, type Viewer } from '../viewer.js';
import { visibleSourceRef } from './refs.js';

/** A source in full, for a viewer the caller has checked may see it. */
export function sourceView(viewer: Viewer, source: Source) {
  return {
    ...visibleSourceRef(viewer, source),
    /** The original this source counts as for corroboration. */
    origin: clearanceOf(viewer).restrictedSources ? (source.repeatsSourceId ?? source.id) : null,
    language: source.language,
    archiveUrl: source.archiveUrl,
    notes: source.notes,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
