import iconv from 'iconv-lite';
import type TestAgent from 'supertest/lib/agent.js';
import { waitFor } from './until.js';

export type Row = [email: string, firstName: string, lastName: string, company: string];

export interface CsvOptions {
  header?: string[];
  delimiter?: string;
  bom?: boolean;
  encoding?: 'utf8' | 'win1252';
}

/** A contacts CSV as a client would upload it. */
export function contactsCsv(rows: Row[], options: CsvOptions = {}): Buffer {
  const delimiter = options.delimiter ?? ',';
  const quote = (value: string) =>
    /[",;\t\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const lines = [options.header ?? ['email', 'first_name', 'last_name', 'company'], ...rows].map(
    (cells) => cells.map(quote).join(delimiter),
  );
  const text = `${lines.join('\r\n')}\r\n`;
  const body = iconv.encode(text, options.encoding ?? 'utf8');
  return options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export interface JobView {
  job_id: number;
  job_status: string;
  job_total_rows: number;
  job_processed_rows: number;
  job_progress: number;
  job_error: string | null;
  [key: string]: unknown;
}

/** Polls `GET /jobs` until the job has left PENDING and PROCESSING. */
export async function waitForJob(
  http: TestAgent,
  token: string,
  jobId: number,
  timeoutMs = 60_000,
): Promise<JobView> {
  const job = await waitFor(
    async () => {
      const { body } = await http
        .get('/jobs?limit=1000')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      return (body.jobs as JobView[]).find((candidate) => candidate.job_id === jobId);
    },
    (seen) => seen !== undefined && !['PENDING', 'PROCESSING'].includes(seen.job_status),
    { timeoutMs, everyMs: 100, what: `job ${jobId} final` },
  );
  return job!;
}

export const upload = (http: TestAgent, token: string, file: Buffer, filename = 'contacts.csv') =>
  http.post('/jobs/upload').set('Authorization', `Bearer ${token}`).attach('file', file, filename);
