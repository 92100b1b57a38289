import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { AppRole } from '../config/app-role.js';
import type { Env } from '../config/env.js';

const ENTRY = new URL('../worker-thread.js', import.meta.url);

/**
 * Runs this process's queue workers on a worker thread, so jobs are not queued behind API
 * requests on one event loop. Started before the API listens; on shutdown the thread finishes its
 * running jobs before the process exits. If the thread dies, the process exits too: jobs are
 * durable, and a restarted process (and the reconciler) picks them up again.
 */
@Injectable()
export class QueueWorkerThread implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkerThread.name);
  private thread?: Worker;
  private stopping = false;

  constructor(private readonly config: ConfigService<Env, true>) {}

  async onApplicationBootstrap(): Promise<void> {
    // V8 reads --max-semi-space-size and --max-old-space-size when it creates an isolate, and the
    // flags override resourceLimits. Set at start to keep the API's isolate small (README, "Memory
    // against API speed"), they would size this one too, whose limits are settings of its own:
    // reset them.
    setFlagsFromString('--max-semi-space-size=0');
    setFlagsFromString('--max-old-space-size=0');
    const thread = new Worker(ENTRY, {
      env: { ...process.env, APP_ROLE: AppRole.Worker },
      resourceLimits: {
        maxOldGenerationSizeMb: this.config.get('QUEUE_WORKER_HEAP_MB', { infer: true }),
        maxYoungGenerationSizeMb: this.config.get('QUEUE_WORKER_YOUNG_GENERATION_MB', {
          infer: true,
        }),
      },
    });
    await new Promise<void>((ready, fail) => {
      thread.once('message', () => ready());
      thread.once('error', fail);
      thread.once('exit', (code) => fail(new Error(`the queue worker thread exited with ${code}`)));
    });
    thread.removeAllListeners();
    thread.on('error', (error) => this.logger.fatal({ error }, 'queue worker thread failed'));
    thread.on('exit', (code) => {
      if (this.stopping) return;
      this.logger.fatal({ code }, 'queue worker thread exited; stopping the process');
      process.exit(1);
    });
    this.thread = thread;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.stopping = true;
    const exited = new Promise((done) => thread.once('exit', done));
    thread.postMessage('stop');
    await exited;
  }
}
