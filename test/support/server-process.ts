import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { waitFor } from './until.js';

const MAIN = resolve(import.meta.dirname, '../../dist/src/main.js');

export const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** The built server in a process of its own, on the run's database and Redis prefix. */
export async function startServerProcess(
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await serverHealthy(port, child);
  return child;
}

/** Until the server on `port` answers its health check; fails at once if `child` exits first. */
export async function serverHealthy(port: number, child?: ChildProcess): Promise<void> {
  await waitFor(
    async () => {
      if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      return fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
    },
    (healthy) => healthy,
    { timeoutMs: 20_000, everyMs: 100, what: 'the server answering /health' },
  );
}

export const killed = (child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') =>
  new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });

/** A bearer token for a server process, from `npm run token` (the built-in issuer's key in the database). */
export const processToken = (user: string, groups = ['uploader']): string =>
  execFileSync(process.execPath, [
    resolve(import.meta.dirname, '../../dist/scripts/token.js'),
    '--user',
    user,
    '--groups',
    groups.join(','),
  ])
    .toString()
    .trim();
