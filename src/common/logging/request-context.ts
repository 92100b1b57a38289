import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries; the auth guard fills in the user. */
export interface RequestContext {
  requestId: string;
  userId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function setContextUser(userId: string): void {
  const context = requestContext.getStore();
  if (context) context.userId = userId;
}
