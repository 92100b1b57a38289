import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';

export const LEAD_HEADER = ['Full Name', 'E-mail', 'Phone', 'Company', 'Job Title', 'Website'];

/** `count` distinct leads, in the file's column order. */
export const leadRows = (count: number, prefix = 'lead'): string[][] =>
  Array.from({ length: count }, (_, i) => [
    `${prefix} person ${i}`,
    `${prefix}.${i}@Example-Corp.com`,
    `+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
    `Example Corp ${i}`,
    i % 2 === 0 ? 'VP Sales' : 'Analyst',
    'www.example-corp.com',
  ]);

/** An XLSX workbook of leads, as a spreadsheet program would save it. */
export async function leadsXlsx(
  rows: unknown[][],
  header: string[] = LEAD_HEADER,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Leads');
  if (header.length > 0) sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * An XLSX workbook of leads as streaming writers save it: the cells carry their own text (no
 * shared-strings part) and the sheet comes before the workbook part.
 */
export async function leadsXlsxInline(rows: string[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Leads');
  for (const row of [LEAD_HEADER, ...rows]) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export function leadsCsv(
  rows: string[][],
  header: string[] = LEAD_HEADER,
  delimiter = ',',
): Buffer {
  const quote = (value: string) =>
    /[",;\t\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return Buffer.from(
    [header, ...rows].map((cells) => cells.map(quote).join(delimiter)).join('\r\n') + '\r\n',
  );
}

/** Reads an XLSX result back: its first sheet's rows as text. */
export async function readXlsx(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => {
    rows.push(
      Array.from((row.values as unknown[]).slice(1), (value) =>
        value == null ? '' : String(value),
      ),
    );
  });
  return rows;
}

export const uploadLeads = (http: TestAgent, token: string, file: Buffer, name = 'leads.xlsx') =>
  http.post('/uploads').set('Authorization', `Bearer ${token}`).attach('file', file, name);

export interface UploadStatusBody {
  uploadId: string;
  status: string;
  stage: string;
  progress: {
    totalBatches: number;
    completedBatches: number;
    totalLeads: number;
    processedLeads: number;
    percentage: number;
  };
  metadata: {
    fileName: string;
    fileSize: number;
    startTime: string | null;
    estimatedCompletion: string | null;
  };
  error?: { code: string; message: string; timestamp: string };
  createdAt: string;
  updatedAt: string;
  ttl: number;
}

const FINAL = ['completed', 'error', 'cancelled'];

/** Polls `GET /status/{id}` until the upload is final. */
export async function waitForUpload(
  http: TestAgent,
  token: string,
  id: string,
  timeoutMs = 45_000,
): Promise<UploadStatusBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await http
      .get(`/status/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    if (FINAL.includes((body as UploadStatusBody).status)) return body as UploadStatusBody;
    if (Date.now() > deadline) throw new Error(`upload ${id} still ${body.status}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}
