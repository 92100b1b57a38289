import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { apiControllers } from '../config/app-role.js';
import { ApiKeyGuard } from './api-keys/api-key.guard.js';
import { CredentialsModule } from './credentials.module.js';
import { JwksController } from './issuer/jwks.controller.js';
import { JwtAuthGuard } from './jwt/jwt-auth.guard.js';
import { JwtStrategy } from './jwt/jwt.strategy.js';
import { TrustedIssuersService } from './jwt/trusted-issuers.service.js';
import { VerifiedTokenCache } from './jwt/verified-token.cache.js';
import { MeController } from './me.controller.js';
import { RolesGuard } from './roles.guard.js';

@Global()
@Module({
  imports: [PassportModule, CredentialsModule],
  controllers: apiControllers(JwksController, MeController),
  providers: [
    TrustedIssuersService,
    JwtStrategy,
    VerifiedTokenCache,
    JwtAuthGuard,
    RolesGuard,
    ApiKeyGuard,
  ],
  exports: [CredentialsModule, VerifiedTokenCache, JwtAuthGuard, RolesGuard, ApiKeyGuard],
})
export class AuthModule {}
