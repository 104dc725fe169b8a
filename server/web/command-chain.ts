/**
 * Command responsibility on a page: for an incident, who held a post in the organisation involved
 * at the time. Certain when the post's known period covers every day the incident may have
 * happened on; possible when the two may overlap (or the post's period is unknown).
 */

export interface Span {
  /** null: open or unknown. */
  readonly earliest: string | null;
  readonly latest: string | null;
}

export type Certainty = 'certain' | 'possible';

export function postAtTheTime(post: Span | null, incident: Span): Certainty | undefined {
  if (post === null) return 'possible';
  const startsBefore = (a: string | null, b: string | null) => a === null || (b !== null && a <= b);
  const endsAfter = (a: string | null, b: string | null) => a === null || (b !== null && a >= b);
  const overlaps = (post.earliest === null || incident.latest === null || post.earliest <= incident.latest) && (post.latest === null || incident.earliest === null || post.latest >= incident.earliest);
  if (!overlaps) return undefined;
  const known = post.earliest !== null && post.latest !== null;
  return known && startsBefore(post.earliest, incident.earliest) && endsAfter(post.latest, incident.latest) ? 'certain' : 'possible';
}
