/**
 * What a query may reveal, as decided by the viewer (server/viewer.ts). Queries apply it before
 * matching or counting, so a hidden value never changes a result.
 */
export interface Scope {
  readonly protectedNames: boolean;
  readonly restrictedSources: boolean;
}
