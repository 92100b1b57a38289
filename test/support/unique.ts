/** A short id unique to this run, for names that must not collide with earlier tests. */
export const unique = (): string =>
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
