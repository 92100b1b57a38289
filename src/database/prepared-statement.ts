import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A statement on a hot path (status polling, lead batches), run as a named prepared statement on the
 * pool: Postgres parses and plans it once per connection, and each call skips TypeORM's query runner.
 */
export class PreparedStatement<Row extends QueryResultRow> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  async rows(dataSource: DataSource, values: unknown[]): Promise<Row[]> {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<Row>({ name: this.name, text: this.text, values });
    return rows;
  }
}
