/** Every path Casebook links to is built here. */
export const API = '/api/v1';

export const apiPaths = {
  incidents: 'incidents',
  locations: 'locations',
  persons: 'persons',
  organisations: 'organisations',
  posts: 'posts',
  involvements: 'involvements',
  sources: 'sources',
  citations: 'citations',
  'alternative-names': 'alternative-names',
  evidence: 'evidence',
} as const;

export type ResourcePath = keyof typeof apiPaths;

export function apiCollection(resource: ResourcePath): string {
  return `${API}/${apiPaths[resource]}`;
}

export function apiRecord(resource: ResourcePath, id: number): string {
  return `${API}/${apiPaths[resource]}/${id}`;
}

/** The same collection URL with other query parameters (used for `next` links). */
export function withQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, one);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
