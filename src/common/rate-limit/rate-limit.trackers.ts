import type { Request } from 'express';

interface Caller {
  user?: { id: string };
  apiKey?: { id: string };
}

/** Who a request counts against: its user, else its API key, else its address. */
export function callerTracker(request: Request): string {
  const caller = request as Request & Caller;
  if (caller.user) return `user:${caller.user.id}`;
  if (caller.apiKey) return `key:${caller.apiKey.id}`;
  return `ip:${caller.ip ?? 'unknown'}`;
}
