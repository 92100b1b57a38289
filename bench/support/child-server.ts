import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

export interface ChildServer<T> {
  info: T & { port: number };
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a compiled server script in its own process and waits for it to report its port. */
export async function startChildServer<T = object>(
  script: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<ChildServer<T>> {
  const child = fork(resolve(import.meta.dirname, '..', script), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, ...nodeFlags],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const info = await new Promise<T & { port: number }>((done, fail) => {
    child.once('message', (message) => done(message as T & { port: number }));
    child.once('exit', (code) =>
      fail(new Error(`${script} exited with ${code} before it was ready`)),
    );
  });
  return {
    info,
    child,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** How production starts the server (package.json's `start`, the Dockerfile's `ENV` and `CMD`). */
const INTAKE_NODE_FLAGS = ['--max-semi-space-size=8'];
const INTAKE_PROCESS_ENV = { MALLOC_ARENA_MAX: '2' };

/** The real app with its queue workers (`servers/intake.server.js`), started as production starts it. */
export function startIntakeServer<T = object>(
  env: Record<string, string> = {},
): Promise<ChildServer<T>> {
  return startChildServer<T>(
    'servers/intake.server.js',
    { ...INTAKE_PROCESS_ENV, ...env },
    INTAKE_NODE_FLAGS,
  );
}
