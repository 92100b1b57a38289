import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SigningKeyService } from './signing-key.service.js';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly signingKeys: SigningKeyService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys of the built-in token issuer (JWKS)' })
  @ApiOkResponse({ description: 'A JSON Web Key Set' })
  jwks(): { keys: Record<string, string>[] } {
    return this.signingKeys.jwks();
  }
}
