import { pino, type Logger } from 'pino';

/**
 * The process logger. Request logs carry method, path, status and timing only: never bodies,
 * query strings or headers, which may hold names, tokens or search terms for protected people.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: undefined }, destination ?? process.stdout);
}
