import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataIssue } from './data-issue.entity.js';
import { IssuesService } from './issues.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DataIssue])],
  providers: [IssuesService],
  exports: [IssuesService],
})
export class IssuesModule {}
