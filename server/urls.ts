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

/** The web pages (server/web): the same nouns as the API, without its prefix. */
export const pages = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  account: '/account',
  password: '/account/password',
  search: '/search',
  timeline: '/timeline',
  map: '/map',
  exports: '/exports',
  exportReport: '/exports/report',
  exportBundle: '/exports/bundle',
  users: '/admin/users',
  audit: '/admin/audit',
  assets: '/assets',
} as const;

export function pageCollection(resource: ResourcePath): string {
  return `/${apiPaths[resource]}`;
}

export function pageRecord(resource: ResourcePath, id: number): string {
  return `/${apiPaths[resource]}/${id}`;
}
