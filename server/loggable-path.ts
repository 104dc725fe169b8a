/**
 * The one rule for a request path in a log line. Apart from logger.ts so that the error classes,
 * which every service and command line imports, do not load pino with it.
 */
import { apiPaths } from './urls.js';

const PATH_WORDS = new Set<string>([
  'api', 'v1', ...Object.values(apiPaths), 'summary', 'history', 'vocabularies', 'session', 'password', 'tokens', 'users',
  'password-reset', 'audit', 'evidence', 'file', 'custody', 'safe-copy',
  // The web pages' own words (server/web).
  'sign-in', 'sign-out', 'account', 'new', 'edit', 'search', 'timeline', 'map', 'exports', 'admin', 'assets', 'casebook.css', 'upload.js', 'cite',
]);

/**
 * A request path fit for the log: ids and the API's own words kept, any other segment (which
 * could be a name someone typed into the URL) replaced by `*`.
 */
export function loggablePath(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment) => (segment === '' || /^\d{1,16}$/.test(segment) || PATH_WORDS.has(segment) ? segment : '*'))
    .join('/');
}
