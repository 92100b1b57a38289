import type { LeadBatchesService, NewBatch } from '../lead-batches.service.js';
import type { LeadUploadsService, SplitProgress } from '../lead-uploads.service.js';

/** Queues stored batches for enrichment, by batch number. */
export type BatchQueuer = (batchNos: number[]) => Promise<void>;

/**
 * Stores a split's batches a chunk at a time and queues them, while the split reads on: a chunk is
 * stored once the one before it is (stores keep file order), and each settles false once the
 * upload has stopped processing. The highest batch stored so far is held back from the queue until
 * the next chunk, and the last one until the file stage has ended (`queueHeld`): the upload is
 * completed by the last batch to finish after that, so there always is one.
 */
export class BatchChunkStore {
  private storing = Promise.resolve(true);
  private held: number[] = [];

  constructor(
    private readonly uploadId: string,
    private readonly batches: LeadBatchesService,
    private readonly uploads: LeadUploadsService,
    private readonly queue: BatchQueuer,
  ) {}

  /** Starts storing `chunk` after the chunks before it, with the split's progress up to it. */
  store(chunk: NewBatch[], progress: SplitProgress): Promise<boolean> {
    const previous = this.storing;
    this.storing = (async () => {
      if (!(await previous)) return false;
      if (chunk.length === 0) return true;
      await this.batches.insert(this.uploadId, chunk);
      if (!(await this.uploads.recordSplitProgress(this.uploadId, progress))) return false;
      const stored = [...this.held, ...chunk.map((batch) => batch.batchNo)];
      this.held = stored.splice(-1);
      await this.queue(stored);
      return true;
    })();
    // The split reads on while it runs; its outcome is awaited by `stored` or `settle`.
    this.storing.catch(() => undefined);
    return this.storing;
  }

  /** Whether every chunk started so far is stored, and the upload still processing. */
  stored(): Promise<boolean> {
    return this.storing;
  }

  /** Waits for a store still running when the split stops early (an error, a cancel). */
  async settle(): Promise<void> {
    await this.storing.catch(() => false);
  }

  /** Queues the batch held back, once the file stage has ended. */
  queueHeld(): Promise<void> {
    return this.queue(this.held);
  }
}
