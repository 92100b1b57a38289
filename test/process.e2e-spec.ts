import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { freePort } from './support/server-process.js';
import { startTestApp } from './support/test-app.js';
import { until } from './support/until.js';

const MAIN = resolve(import.meta.dirname, '../dist/src/main.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
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
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        ),
      20_000,
    );
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(exit.stderr).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
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
