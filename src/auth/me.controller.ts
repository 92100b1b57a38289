import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';

export class MeResponse {
  @ApiProperty({
    example: '13240852-1021-70eb-a720-347831bb8bec',
    description: 'The token subject',
  })
  user_id!: string;

  @ApiProperty({ example: ['uploader'], description: 'The cognito:groups of the token' })
  groups!: string[];

  @ApiProperty({ example: 'intake' })
  issuer!: string;

  @ApiProperty({ enum: ['access', 'id'] })
  token_use!: string;
}

@ApiTags('auth')
@Controller('me')
export class MeController {
  @Get()
  @Auth()
  @ApiOperation({ summary: 'Who the bearer token says the caller is' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthUser): MeResponse {
    return { user_id: user.id, groups: user.groups, issuer: user.issuer, token_use: user.tokenUse };
  }
}
