/**
 * NDJSON from records: one JSON value a line, gathered into chunks of about `chunkChars`, so a
 * stream of millions of lines is thousands of writes, not millions. Pull-based: a consumer
 * that waits (a slow client) holds the producer where it is.
 */
export function* ndjson(values: Iterable<unknown>, chunkChars = 64 * 1024): Generator<string> {
  let chunk = '';
  for (const value of values) {
    chunk += `${JSON.stringify(value)}\n`;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
