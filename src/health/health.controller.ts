import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { register } from 'prom-client';
import { RedisHealthIndicator } from './redis.health.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Redis reachable' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.redis.ping('redis'),
    ]);
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  @ApiOperation({ summary: 'Prometheus metrics: request durations, queue depths, process' })
  metrics(): Promise<string> {
    return register.metrics();
  }
}
