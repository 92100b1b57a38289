import { createServer } from 'node:http';
import pg from 'pg';

interface UploadRow {
  id: string;
  status: string;
  stage: string;
  total_batches: number;
  completed_batches: number;
  failed_batches: number;
  total_leads: number;
  processed_leads: number;
  file_name: string;
  file_size: string;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
}

/**
 * The status baseline: node:http and a pg pool doing the same primary-key SELECT as
 * `GET /status/{uploadId}` and answering the same JSON, with nothing else (no auth, no limits).
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer((request, response) => {
  const id = request.url!.split('/')[2];
  pool
    .query<UploadRow>(`SELECT * FROM lead_uploads WHERE id = $1`, [id])
    .then(({ rows: [row] }) => {
      const body = {
        uploadId: row.id,
        status: row.status,
        stage: row.stage,
        progress: {
          totalBatches: row.total_batches,
          completedBatches: row.completed_batches + row.failed_batches,
          totalLeads: row.total_leads,
          processedLeads: row.processed_leads,
          percentage: 100,
        },
        metadata: {
          fileName: row.file_name,
          fileSize: Number(row.file_size),
          startTime: row.started_at?.toISOString() ?? null,
          estimatedCompletion: row.finished_at?.toISOString() ?? null,
        },
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        ttl: Math.floor(row.expires_at.getTime() / 1000),
      };
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    })
    .catch(() => {
      response.writeHead(500);
      response.end();
    });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
