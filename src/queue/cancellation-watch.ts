/** A signal that aborts once `isCancelled` says so, checked every `intervalMs` until stopped. */
export interface CancellationWatch {
  signal: AbortSignal;
  stop(): void;
}

export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
}

/**
 * Cancellation is a state in Postgres (any replica may set it); a running job polls it and aborts
 * its work, e.g. an in-flight provider call, when it changes.
 */
export function watchCancellation(
  isCancelled: () => Promise<boolean>,
  intervalMs = 1_000,
): CancellationWatch {
  const controller = new AbortController();
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    isCancelled()
      .then((cancelled) => {
        if (cancelled) controller.abort(new JobCancelledError('the job was cancelled'));
      })
      .catch(() => undefined)
      .finally(() => {
        checking = false;
      });
  }, intervalMs);
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}
