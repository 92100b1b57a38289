import {
  Body,
  Controller,
  Get,
  type DynamicModule,
  Module,
  Param,
  ParseIntPipe,
  Post,
  type Type,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsEmail, IsInt, IsString, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiKeyAuth } from '../../src/auth/api-keys/api-key.guard.js';
import { Auth } from '../../src/auth/auth.decorators.js';
import { Role } from '../../src/auth/auth-user.js';
import { notFound } from '../../src/common/errors/app.exception.js';
import { ErrorFamily } from '../../src/common/errors/error-family.js';
import { UseErrorFamily } from '../../src/common/errors/use-error-family.decorator.js';

export class ProbeBody {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count!: number;

  @IsString()
  name!: string;
}

/** Routes that fail in every way a contract route can, so each family's shape can be checked. */
function probeController(family: ErrorFamily): Type {
  @ApiExcludeController()
  @UseErrorFamily(family)
  @Controller(`probe/${family}`)
  class ProbeController {
    constructor(private readonly dataSource: DataSource) {}

    @Get('missing')
    missing(): never {
      throw notFound(
        'Thing 42 not found',
        family === ErrorFamily.ReportSections ? 'JOB_NOT_FOUND' : undefined,
      );
    }

    @Post('validate')
    validate(@Body() body: ProbeBody): ProbeBody {
      return body;
    }

    @Get('items/:id')
    item(@Param('id', ParseIntPipe) id: number): { id: number } {
      return { id };
    }

    @Get('protected')
    @Auth(Role.Editor)
    protected(): { ok: true } {
      return { ok: true };
    }

    @Get('keyed')
    @ApiKeyAuth()
    keyed(): { ok: true } {
      return { ok: true };
    }

    @Get('crash')
    crash(): never {
      throw new Error('password=hunter2 at /srv/secret/path');
    }

    @Get('sql')
    async sql(): Promise<unknown> {
      return this.dataSource.query('SELECT * FROM table_that_does_not_exist WHERE secret = 1');
    }
  }
  return ProbeController;
}

/** The real app plus one probe controller per error family. */
export const withProbes = (root: DynamicModule): Type => {
  @Module({ imports: [root], controllers: Object.values(ErrorFamily).map(probeController) })
  class ProbeAppModule {}
  return ProbeAppModule;
};
