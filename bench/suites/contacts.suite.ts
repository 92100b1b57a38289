import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { startIntakeServer } from '../support/child-server.js';
import { generateContactsCsv, type GeneratedCsv } from '../support/contacts-data.js';
import { copyBaseline } from '../support/copy-baseline.js';
import { freshBenchDatabase } from '../support/bench-database.js';
import { peakRssMb } from '../support/peak-rss.js';

const FIVE_MB_TARGET_SECONDS = 3;
const COPY_RATIO_TARGET = 0.25;
const RSS_TARGET_MB = 300;

interface Timed {
  seconds: number;
  status: string;
  rows: number;
}

/** Upload through the API and poll until the job is final: what a client waits for. */
async function ingest(baseUrl: string, token: string, csv: GeneratedCsv): Promise<Timed> {
  const body = new FormData();
  body.append('file', new Blob([await readFile(csv.path)]), basename(csv.path));
  const started = performance.now();
  const response = await fetch(`${baseUrl}/jobs/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const { job_id: jobId } = (await response.json()) as { job_id: number };
  for (;;) {
    const list = (await (
      await fetch(`${baseUrl}/jobs?limit=5`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { jobs: { job_id: number; job_status: string; job_processed_rows: number }[] };
    const job = list.jobs.find((candidate) => candidate.job_id === jobId);
    if (job && !['PENDING', 'PROCESSING'].includes(job.job_status)) {
      return {
        seconds: (performance.now() - started) / 1000,
        status: job.job_status,
        rows: job.job_processed_rows,
      };
    }
    await new Promise((wait) => setTimeout(wait, 25));
  }
}

/** Seed 002 ingestion: a 5 MB file end to end, and 1M rows against Postgres' own COPY. */
export async function contactsSuite(): Promise<boolean> {
  const small = await generateContactsCsv('contacts-80k', 80_000, 0.1);
  const large = await generateContactsCsv('contacts-1m', 1_000_000, 0.1);
  console.log(
    `\n# contacts: upload to final job state (INGEST_MAX_FILE_BYTES raised to 256 MB for the 1M-row file)` +
      `\n  files: ${small.rows} rows / ${(small.bytes / 1e6).toFixed(1)} MB and ${large.rows} rows / ${(large.bytes / 1e6).toFixed(1)} MB, 10% duplicate emails`,
  );
  const server = await startIntakeServer<{ uploaderToken: string; databaseUrl: string }>({
    DATABASE_URL: await freshBenchDatabase(),
    RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000000',
    INGEST_MAX_FILE_BYTES: String(256 * 1024 * 1024),
  });
  try {
    const baseUrl = `http://127.0.0.1:${server.info.port}`;
    const fiveMb = await ingest(baseUrl, server.info.uploaderToken, small);
    const million = await ingest(baseUrl, server.info.uploaderToken, large);
    const rss = peakRssMb(server.child.pid!);
    const copyRate = await copyBaseline(
      server.info.databaseUrl,
      large.dedupedPath,
      large.dedupedRows,
    );
    const rate = large.rows / million.seconds;
    const ratio = rate / copyRate;
    console.table([
      {
        run: `${small.rows} rows (${(small.bytes / 1e6).toFixed(1)} MB)`,
        seconds: +fiveMb.seconds.toFixed(2),
        'rows/s': Math.round(small.rows / fiveMb.seconds),
        status: fiveMb.status,
      },
      {
        run: `${large.rows} rows`,
        seconds: +million.seconds.toFixed(2),
        'rows/s': Math.round(rate),
        status: million.status,
      },
      {
        run: `raw COPY of ${large.dedupedRows} de-duplicated rows`,
        seconds: +(large.dedupedRows / copyRate).toFixed(2),
        'rows/s': Math.round(copyRate),
        status: 'baseline',
      },
    ]);
    const met = {
      fiveMb: fiveMb.seconds < FIVE_MB_TARGET_SECONDS,
      copyRatio: ratio >= COPY_RATIO_TARGET,
      rss: rss < RSS_TARGET_MB,
    };
    console.log(
      `5 MB file: ${fiveMb.seconds.toFixed(2)} s (target < ${FIVE_MB_TARGET_SECONDS} s): ${met.fiveMb ? 'met' : 'NOT met'}`,
    );
    console.log(
      `1M rows vs COPY: ${(ratio * 100).toFixed(1)}% (target ≥ ${COPY_RATIO_TARGET * 100}%): ${met.copyRatio ? 'met' : 'NOT met'}`,
    );
    console.log(
      `server peak RSS: ${rss} MB (target < ${RSS_TARGET_MB} MB): ${met.rss ? 'met' : 'NOT met'}`,
    );
    return met.fiveMb && met.copyRatio && met.rss;
  } finally {
    await server.stop();
  }
}
