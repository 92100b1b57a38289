import type { Type } from '@nestjs/common';
import type { Env } from './env.js';

export enum AppRole {
  Api = 'api',
  Worker = 'worker',
  All = 'all',
}

let assignedRole: AppRole | undefined;

/**
 * Gives this thread a narrower role than `APP_ROLE`: with the queue workers on a thread of their
 * own, the main thread of an `all` process serves only the API. Call it before the modules are imported.
 */
export function assignRole(role: AppRole): void {
  assignedRole = role;
}

/**
 * The role decides which providers exist, so it is read while modules are declared, before
 * the validated configuration is available; `validateEnv` rejects an invalid value first.
 */
export function currentRole(): AppRole {
  if (assignedRole) return assignedRole;
  const role = process.env.APP_ROLE as AppRole | undefined;
  return role && Object.values(AppRole).includes(role) ? role : AppRole.All;
}

export const runsApi = (): boolean => currentRole() !== AppRole.Worker;
export const runsWorkers = (): boolean => currentRole() !== AppRole.Api;

/** Controllers of a module, mounted only where this process serves the API. */
export const apiControllers = (...controllers: Type[]): Type[] => (runsApi() ? controllers : []);

/** Queue processors of a module, instantiated only where this process runs workers. */
export const workerProviders = (...providers: Type[]): Type[] => (runsWorkers() ? providers : []);

/**
 * Whether this process runs its queue workers on a thread of their own (`APP_ROLE=all` with
 * `QUEUE_WORKER_THREAD`); if so, this thread takes the API role.
 */
export function placeWorkersOnThread(env: Pick<Env, 'APP_ROLE' | 'QUEUE_WORKER_THREAD'>): boolean {
  const onThread = env.APP_ROLE === AppRole.All && env.QUEUE_WORKER_THREAD;
  if (onThread) assignRole(AppRole.Api);
  return onThread;
}
