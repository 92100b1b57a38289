import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-keys/api-key.entity.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { SigningKey } from './issuer/signing-key.entity.js';
import { SigningKeyService } from './issuer/signing-key.service.js';

/** The stored credentials (signing key, API keys), without HTTP: shared by the app and the CLIs. */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKey, ApiKey])],
  providers: [SigningKeyService, ApiKeyService],
  exports: [SigningKeyService, ApiKeyService],
})
export class CredentialsModule {}
