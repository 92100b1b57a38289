import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

/** One autocannon run; the first seconds warm the server up and are not counted. */
export async function measure(label: string, options: LoadOptions): Promise<LoadResult> {
  await autocannon({
    url: options.url,
    connections: options.connections,
    duration: 2,
    headers: options.headers,
  });
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: options.headers,
  });
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function printTable(results: LoadResult[], baseline: LoadResult): void {
  const rows = results.map((result) => ({
    server: result.label,
    'req/s': result.requestsPerSecond,
    'p50 ms': result.p50Ms,
    'p99 ms': result.p99Ms,
    'vs baseline': `${((result.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(1)}%`,
    'non-2xx': result.non2xx,
    errors: result.errors,
  }));
  console.table(rows);
}
