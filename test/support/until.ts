/**
 * Reads `read` every `everyMs` until `done` holds for what it returned, and answers that value;
 * fails after `timeoutMs`, naming `what`. An assertion inside `read` fails the wait at once.
 */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, everyMs = 20, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} not met in ${timeoutMs} ms (last seen: ${JSON.stringify(value)})`);
    }
    await new Promise((wait) => setTimeout(wait, everyMs));
  }
}

/** Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs`. */
export const until = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> => {
  await waitFor(condition, (holds) => holds, { timeoutMs });
};
