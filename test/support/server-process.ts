import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

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
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return child;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error('server did not become healthy');
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
