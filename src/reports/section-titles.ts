import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.js';
import { validationFailed } from '../common/errors/app.exception.js';
import { CANONICAL_TITLES, ReportType } from './report-type.js';

/** Which `section_title` each report type allows. */
@Injectable()
export class SectionTitles {
  private readonly titles: Record<ReportType, readonly string[]>;

  constructor(config: ConfigService<Env, true>) {
    this.titles = {
      ...CANONICAL_TITLES,
      [ReportType.CommercialProposal]: config
        .get('COMMERCIAL_PROPOSAL_TITLES', { infer: true })
        .split('|')
        .map((title) => title.trim()),
    };
  }

  of(type: ReportType): readonly string[] {
    return this.titles[type];
  }

  /** A title of another type, or none, is a 422 on `section_title`, as pydantic would report it. */
  assertAllowed(type: ReportType, title: string): void {
    const allowed = this.titles[type];
    if (allowed.includes(title)) return;
    throw validationFailed({
      location: 'body',
      field: ['section_title'],
      message: `section_title must be one of the titles of ${type}: ${allowed.join(', ')}`,
      type: 'value_error',
    });
  }
}
