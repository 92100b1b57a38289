import type { Type } from '@nestjs/common';

export enum AppRole {
  Api = 'api',
  Worker = 'worker',
  All = 'all',
}

/**
 * The role decides which providers exist, so it is read while modules are declared, before
 * the validated configuration is available; `validateEnv` rejects an invalid value first.
 */
export function currentRole(): AppRole {
  const role = process.env.APP_ROLE as AppRole | undefined;
  return role && Object.values(AppRole).includes(role) ? role : AppRole.All;
}

export const runsApi = (): boolean => currentRole() !== AppRole.Worker;
export const runsWorkers = (): boolean => currentRole() !== AppRole.Api;

/** Controllers of a module, mounted only where this process serves the API. */
export const apiControllers = (...controllers: Type[]): Type[] => (runsApi() ? controllers : []);

/** Queue processors of a module, instantiated only where this process runs workers. */
export const workerProviders = (...providers: Type[]): Type[] => (runsWorkers() ? providers : []);
