import type { Citation, Source } from '../../db/schema.js';
import { claimOf } from '../../db/queries/citations.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { apiRecord, type ResourcePath } from '../urls.js';
import { seesSource, type Viewer } from '../viewer.js';
import { sourceRef } from './refs.js';

const claimResource: Record<ReturnType<typeof claimOf>['kind'], ResourcePath> = {
  incident: 'incidents',
  involvement: 'involvements',
  post: 'posts',
  location: 'locations',
  'alternative-name': 'alternative-names',
};

/**
 * A citation for this viewer. Citing a restricted source, it keeps only its stance and grades
 * for a viewer without clearance: locator and quote could identify the source.
 */
export function citationView(viewer: Viewer, citation: Citation, source: Source) {
  const claim = claimOf(citation);
  const visible = seesSource(viewer, source);
  return {
    id: citation.id,
    claim: { kind: claim.kind, id: claim.id, href: apiRecord(claimResource[claim.kind], claim.id) },
    source: sourceRef(viewer, source),
    locator: visible ? citation.locator : null,
    quote: visible ? citation.quote : null,
    stance: citation.stance,
    credibility: citation.credibility,
    createdAt: citation.createdAt,
    updatedAt: citation.updatedAt,
    href: apiRecord('citations', citation.id),
  };
}

export type CitationView = ReturnType<typeof citationView>;

/** The status as the API shows it, with its reasons in words. */
export function statusView(status: ClaimStatus) {
  const origins = status.supportingOrigins;
  const support =
    origins === 0 ? 'no supporting source' : origins === 1 ? 'supported by 1 source origin' : `corroborated by ${origins} independent source origins`;
  const dispute = status.disputed ? `; disputed by ${status.disputingCitations} citation${status.disputingCitations === 1 ? '' : 's'}` : '';
  return { ...status, explanation: support + dispute };
}
