import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StagingRow } from './staging-row.entity.js';
import { StagingService } from './staging.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([StagingRow])],
  providers: [StagingService],
  exports: [StagingService],
})
export class StagingModule {}
