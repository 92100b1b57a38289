import pg from 'pg';
import { ensureDatabase } from '../src/database/ensure-database.js';
import { FakeLlm } from './support/fake-llm.js';
import { generateBody } from './support/sections.js';
import { freePort, killed, startServerProcess } from './support/server-process.js';
import { until, waitFor } from './support/until.js';

/**
 * The server killed (SIGKILL) with section jobs queued and running, then started again: every
 * job reaches ready, none is lost, and none that had completed runs again.
 */
describe('section jobs when the server is killed with jobs queued and running', () => {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const apiKey = `restart-key-${Date.now().toString(36)}-0123456789`;
  let llm: FakeLlm;

  beforeAll(async () => {
    await ensureDatabase(process.env.DATABASE_URL!);
    await db.connect();
    llm = await FakeLlm.start();
    llm.fallback = () => ({ delayMs: 800 });
  });
  afterAll(async () => {
    await db.end();
    await llm.close();
  });

  const state = async (ids: string[]) =>
    (
      await db.query<{
        id: string;
        state: string;
        attempts: number;
        prompt_tokens: number | null;
        queued_before_start: boolean;
      }>(
        `SELECT id, state, attempts, prompt_tokens, queued_at <= started_at AS queued_before_start
         FROM section_jobs WHERE id = ANY($1)`,
        [ids],
      )
    ).rows;

  const generate = async (base: string, customerId: string): Promise<string> => {
    const response = await fetch(`${base}/generate`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'session-id': 'restart', 'content-type': 'application/json' },
      body: JSON.stringify(generateBody({ customer_id: customerId })),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { data: { job_id: string } }).data.job_id;
  };

  it('on SIGTERM, lets the worker thread finish its running job before the process exits', async () => {
    const port = await freePort();
    const server = await startServerProcess(
      port,
      llm.env({ LLM_MAX_RETRIES: '0', BOOTSTRAP_API_KEYS: `restart-test:${apiKey}` }),
    );
    const id = await generate(`http://127.0.0.1:${port}`, `drain_${Date.now()}`);
    await until(async () => (await state([id]))[0].state === 'running');
    const exited = new Promise<number | null>((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
    const [row] = await state([id]);
    expect(row).toMatchObject({ state: 'completed', attempts: 1, queued_before_start: true });
  }, 30_000);

  it('finishes every job exactly once after a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = llm.env({
      LLM_CONCURRENCY: '2',
      LLM_MAX_RETRIES: '0',
      BOOTSTRAP_API_KEYS: `restart-test:${apiKey}`,
    });
    let server = await startServerProcess(port, env);
    const customers = Array.from({ length: 6 }, (_, i) => `restart_${Date.now()}_${i}`);
    const ids: string[] = [];
    for (const customerId of customers) ids.push(await generate(base, customerId));

    // Kill once two jobs are done and two more are at the provider.
    await waitFor(
      () => state(ids),
      (rows) =>
        rows.filter((row) => row.state === 'completed').length >= 2 &&
        rows.some((row) => row.state === 'running'),
      { everyMs: 50, what: 'two jobs done and one at the provider' },
    );
    await killed(server);
    const before = await state(ids);
    const completedBefore = before.filter((row) => row.state === 'completed').map((row) => row.id);
    expect(before.some((row) => row.state === 'pending' || row.state === 'running')).toBe(true);

    server = await startServerProcess(port, env);
    try {
      await waitFor(
        async () => {
          const rows = await state(ids);
          expect(rows.filter((row) => row.state === 'failed')).toEqual([]);
          return rows;
        },
        (rows) => rows.every((row) => row.state === 'completed'),
        { timeoutMs: 60_000, everyMs: 200, what: 'every job completed' },
      );
      const after = await state(ids);
      expect(after).toHaveLength(6);
      for (const row of after) expect(row.prompt_tokens).toBe(120);
      for (const [index, id] of ids.entries()) {
        const calls = llm.requestsFor(customers[index]);
        if (completedBefore.includes(id)) {
          // Completed before the kill: never run again.
          expect(calls).toHaveLength(1);
          expect(after.find((row) => row.id === id)!.attempts).toBe(1);
        } else {
          expect(calls.length).toBeGreaterThanOrEqual(1);
        }
      }
      const status = await fetch(`${base}/status/${ids[5]}`, { headers: { 'x-api-key': apiKey } });
      expect(((await status.json()) as { status: string }).status).toBe('ready');
    } finally {
      await killed(server, 'SIGTERM');
    }
  }, 90_000);
});
