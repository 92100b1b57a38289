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
