import autocannon from 'autocannon';

export interface MeasureOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Paths each connection cycles through, in order. */
  readonly paths: readonly string[];
  /** Sent with every request (an API token for Casebook). */
  readonly headers?: Record<string, string>;
  readonly duration: number;
  readonly connections: number;
  /** Seconds of load before measuring, thrown away: the first requests pay for JIT and cold caches. */
  readonly warmup?: number;
}

export interface Measurement {
  readonly requestsPerSecond: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly responses: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly statusCounts: Readonly<Record<string, number>>;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function run(options: MeasureOptions, duration: number, onLatency?: (ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration,
        requests: options.paths.map((path) => ({ method: 'GET', path, headers: options.headers ?? {} })),
      },
      (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    if (onLatency) instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

/**
 * Loads `url` with autocannon for the warm-up, then for `duration` seconds, and reports the second
 * run. Latencies are collected from autocannon's response events rather than its histogram,
 * because the histogram keeps whole milliseconds and a hello-world p50 would read as 0 ms.
 */
export async function measure(options: MeasureOptions): Promise<Measurement> {
  if (options.warmup) await run(options, options.warmup);
  const latencies: number[] = [];
  const result = await run(options, options.duration, (ms) => latencies.push(ms));
  const sorted = Float64Array.from(latencies).sort();
  const statusCounts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = stats.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    responses: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCounts,
  };
}
