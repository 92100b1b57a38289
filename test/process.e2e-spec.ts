import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { freePort, serverHealthy } from './support/server-process.js';
import { startTestApp } from './support/test-app.js';
import { waitFor } from './support/until.js';

const MAIN = resolve(import.meta.dirname, '../dist/src/main.js');

/** The part of Node's diagnostic report read here: each isolate's heap limit, in bytes. */
interface DiagnosticReport {
  javascriptHeap: { memoryLimit: number };
  workers: { javascriptHeap: { memoryLimit: number } }[];
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runServer(env: Record<string, string>, nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, stderr })),
  );
  return { child, exited };
}

describe('the server process (built output, as `npm start` runs it)', () => {
  it.each([
    [
      { PORT: 'eighty' },
      'intake: invalid environment: PORT must be an integer number (got "eighty")\n',
    ],
    [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/intake' },
      'intake: cannot reach Postgres at 127.0.0.1:1 (ECONNREFUSED)\n',
    ],
    [
      { REDIS_URL: 'redis://127.0.0.1:1' },
      'intake: cannot reach Redis at 127.0.0.1:1 (ECONNREFUSED)\n',
    ],
  ])('refuses to start with %j, in one line', async (env, message) => {
    const { code, stderr } = await runServer(env).exited;
    expect(code).toBe(1);
    expect(stderr).toBe(message);
  });

  it('starts, serves, and stops on SIGTERM', async () => {
    const port = await freePort();
    const server = runServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    await serverHealthy(port, server.child);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(exit.stderr).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it("keeps the queue workers' thread to QUEUE_WORKER_HEAP_MB under a process-wide heap flag", async () => {
    const port = await freePort();
    const reports = await mkdtemp(join(tmpdir(), 'intake-report-'));
    const server = runServer(
      { PORT: String(port), HOST: '127.0.0.1', QUEUE_WORKER_HEAP_MB: '200' },
      ['--max-old-space-size=1024', '--report-on-signal', `--report-directory=${reports}`],
    );
    try {
      await serverHealthy(port, server.child);
      // Node's diagnostic report (SIGUSR2) gives each isolate's heap limit, young generation included.
      server.child.kill('SIGUSR2');
      const report = await waitFor(
        async () => {
          const [file] = await readdir(reports);
          if (!file) return undefined;
          // Read again until the whole report is written.
          try {
            return JSON.parse(await readFile(join(reports, file), 'utf8')) as DiagnosticReport;
          } catch {
            return undefined;
          }
        },
        (read) => read !== undefined,
        { what: 'a diagnostic report' },
      );
      const mb = (bytes: number) => bytes / 2 ** 20;
      expect(mb(report!.javascriptHeap.memoryLimit)).toBeGreaterThanOrEqual(1024);
      expect(report!.workers).toHaveLength(1);
      const threadLimit = mb(report!.workers[0].javascriptHeap.memoryLimit);
      expect(threadLimit).toBeGreaterThanOrEqual(200);
      expect(threadLimit).toBeLessThan(300);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(reports, { recursive: true, force: true });
    }
  });
});

describe('the admin CLIs', () => {
  const run = promisify(execFile);
  const script = (name: string) => resolve(import.meta.dirname, `../dist/scripts/${name}.js`);

  it('`token` prints a token the server accepts, and `api-key:create` a key it accepts', async () => {
    const token = (
      await run(process.execPath, [script('token'), '--user', 'cli-user', '--groups', 'admin'])
    ).stdout.trim();
    const key = (
      await run(process.execPath, [script('api-key-create'), '--name', `cli-${Date.now()}`])
    ).stdout.trim();
    expect(key).toMatch(/^ik_[\w-]{43}$/);
    const api = await startTestApp();
    try {
      const { body } = await api.http
        .get('/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(body).toMatchObject({ user_id: 'cli-user', groups: ['admin'] });
      const { ApiKeyService } = await import('../src/auth/api-keys/api-key.service.js');
      expect(await api.app.get(ApiKeyService).verify(key)).toBeDefined();
    } finally {
      await api.close();
    }
  });

  it('explains its usage and fails without the required argument', async () => {
    await expect(run(process.execPath, [script('token')])).rejects.toMatchObject({
      code: 1,
      stderr: 'intake: usage: npm run token -- --user ID [--groups a,b] [--ttl SECONDS]\n',
    });
  });
});
