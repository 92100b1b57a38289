import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (`npm run migration:*`), run against the compiled output. */
const env = validateEnv(process.env);
export default new DataSource({
  ...dataSourceOptions({ url: env.DATABASE_URL, poolSize: 2 }),
  entities: ['dist/src/**/*.entity.js'],
});
