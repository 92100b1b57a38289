export interface ProgressInput {
  /** Units of work in all; 0 or less while still unknown. */
  total: number;
  done: number;
  failed?: number;
  startedAt: Date | null;
  now?: Date;
}

export interface Progress {
  total: number;
  done: number;
  failed: number;
  /** Share of units finished (done or failed), 0–100 with one decimal. */
  percentage: number;
  startedAt: Date | null;
  /** Units per second since the start; null until something finished. */
  rate: number | null;
  /** Projected from the observed rate; null until it can be (nothing done yet, or total unknown). */
  estimatedCompletion: Date | null;
}

/** The one progress and ETA computation every job kind reports through. */
export function computeProgress(input: ProgressInput): Progress {
  const now = input.now ?? new Date();
  const failed = input.failed ?? 0;
  const total = Math.max(0, input.total);
  const finished = Math.min(input.done + failed, total > 0 ? total : Infinity);
  const percentage = total > 0 ? Math.round((finished / total) * 1000) / 10 : 0;
  const elapsedMs = input.startedAt ? now.getTime() - input.startedAt.getTime() : 0;
  const rate = finished > 0 && elapsedMs > 0 ? finished / (elapsedMs / 1000) : null;
  let estimatedCompletion: Date | null = null;
  if (total > 0 && finished >= total) {
    estimatedCompletion = now;
  } else if (rate !== null && total > 0) {
    estimatedCompletion = new Date(now.getTime() + ((total - finished) / rate) * 1000);
  }
  return {
    total,
    done: input.done,
    failed,
    percentage,
    startedAt: input.startedAt,
    rate,
    estimatedCompletion,
  };
}
