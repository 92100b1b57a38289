import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Env } from '../config/env.js';
import { dataSourceOptions } from './data-source-options.js';
import { ensureDatabase } from './ensure-database.js';
import { runMigrations } from './run-migrations.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        ...dataSourceOptions({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
        }),
        autoLoadEntities: true,
        retryAttempts: 0,
        // Read by the factory below, which runs them under a lock instead of TypeORM.
        migrationsRun: config.get('DATABASE_MIGRATIONS_RUN', { infer: true }),
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('database options missing');
        const { url, migrationsRun } = options as { url: string; migrationsRun: boolean };
        await ensureDatabase(url);
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        if (migrationsRun) {
          const applied = await runMigrations(dataSource);
          if (applied.length > 0)
            new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
