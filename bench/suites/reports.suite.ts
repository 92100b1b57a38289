import autocannon from 'autocannon';
import pg from 'pg';
import { bareQueuePickups } from '../support/bare-queue-pickup.js';
import { startIntakeServer } from '../support/child-server.js';
import { percentile } from '../support/percentile.js';

const JOBS = 1_000;
const CONNECTIONS = 50;
const TARGETS = { p50Ms: 50, p99Ms: 250, queueP50Ms: 10 };
const WARM_UP_JOBS = 2_000;
const API_KEY = 'bench-reports-key-0123456789abcdef';

async function drained(db: pg.Client, session: string): Promise<void> {
  for (;;) {
    const { rows } = await db.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM section_jobs WHERE session_id = $1 AND state IN ('pending', 'running')`,
      [session],
    );
    if (rows[0].open === 0) return;
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

interface Timing {
  id: string;
  state: string;
  latency_ms: number;
  pickup_ms: number;
  accept_ms: number;
}

/** Seed 003 with the built-in generator: 1,000 `/generate` from 50 connections, all polled to ready. */
export async function reportsSuite(): Promise<boolean> {
  console.log(
    `\n# reports: ${JOBS} POST /generate from ${CONNECTIONS} connections (built-in generator),` +
      `\n  each job polled to ready; latency = created → finished, queue overhead = enqueued → worker start` +
      `\n  (after a warm-up of ${WARM_UP_JOBS} jobs; rate limit raised to 1e9/min for the run)`,
  );
  const server = await startIntakeServer<{ databaseUrl: string }>({
    RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000000',
    BOOTSTRAP_API_KEYS: `bench:${API_KEY}`,
    LOG_LEVEL: 'info',
  });
  const db = new pg.Client({ connectionString: server.info.databaseUrl });
  await db.connect();
  try {
    const base = `http://127.0.0.1:${server.info.port}`;
    const load = (session: string, amount: number) =>
      autocannon({
        url: `${base}/generate`,
        method: 'POST',
        connections: CONNECTIONS,
        amount,
        headers: {
          'x-api-key': API_KEY,
          'session-id': session,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          type: 'Technical_scope',
          customer_id: 'bench_customer',
          opportunity_id: 'bench_opportunity',
          section_title: 'Technology Stack',
        }),
      });
    // Warm-up, as in the other suites: the same load once, left to finish before measuring.
    const warmUp = `bench-warm-up-${Date.now()}`;
    await load(warmUp, WARM_UP_JOBS);
    await drained(db, warmUp);
    const session = `bench-${Date.now()}`;
    const post = await load(session, JOBS);
    const { rows: ids } = await db.query<{ id: string }>(
      `SELECT id FROM section_jobs WHERE session_id = $1`,
      [session],
    );
    let notReady = 0;
    for (const { id } of ids) {
      for (;;) {
        const response = await fetch(`${base}/status/${id}`, { headers: { 'x-api-key': API_KEY } });
        const { status } = (await response.json()) as { status: string };
        if (status === 'ready') break;
        if (status === 'error') {
          notReady += 1;
          break;
        }
        await new Promise((wait) => setTimeout(wait, 20));
      }
    }
    const { rows } = await db.query<Timing>(
      `SELECT id, state,
              extract(epoch FROM finished_at - created_at) * 1000 AS latency_ms,
              extract(epoch FROM started_at - queued_at) * 1000 AS pickup_ms,
              extract(epoch FROM queued_at - created_at) * 1000 AS accept_ms
       FROM section_jobs WHERE session_id = $1`,
      [session],
    );
    const latencies = rows.map((row) => Number(row.latency_ms));
    const pickups = rows.map((row) => Number(row.pickup_ms));
    const accepts = rows.map((row) => Number(row.accept_ms));
    const bare = await bareQueuePickups(JOBS, CONNECTIONS);

    const figures = {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      queueP50Ms: percentile(pickups, 50),
    };
    console.table({
      'POST /generate': {
        'req/s': Math.round(post.requests.average),
        'p50 ms': post.latency.p50,
        'p99 ms': post.latency.p99,
        'non-2xx': post.non2xx,
      },
    });
    console.table({
      'job latency (POST → ready)': {
        'p50 ms': figures.p50Ms.toFixed(1),
        'p99 ms': figures.p99Ms.toFixed(1),
      },
      'API, row inserted → enqueued': {
        'p50 ms': percentile(accepts, 50).toFixed(1),
        'p99 ms': percentile(accepts, 99).toFixed(1),
      },
      'queue overhead (enqueue → pickup)': {
        'p50 ms': figures.queueP50Ms.toFixed(1),
        'p99 ms': percentile(pickups, 99).toFixed(1),
      },
      'bare BullMQ pickup (same Redis, baseline)': {
        'p50 ms': percentile(bare, 50).toFixed(1),
        'p99 ms': percentile(bare, 99).toFixed(1),
      },
    });
    const met =
      rows.length === JOBS &&
      notReady === 0 &&
      post.non2xx === 0 &&
      figures.p50Ms < TARGETS.p50Ms &&
      figures.p99Ms < TARGETS.p99Ms &&
      figures.queueP50Ms < TARGETS.queueP50Ms;
    console.log(
      `${rows.length} jobs, ${notReady} not ready; targets p50 < ${TARGETS.p50Ms} ms, p99 < ${TARGETS.p99Ms} ms, ` +
        `queue p50 < ${TARGETS.queueP50Ms} ms: ${met ? 'met' : 'NOT met'}`,
    );
    return met;
  } finally {
    await db.end();
    await server.stop();
  }
}
