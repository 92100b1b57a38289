import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServerSecret } from '../common/secrets/server-secret.entity.js';
import { ServerSecretService } from '../common/secrets/server-secret.service.js';
import { apiControllers } from '../config/app-role.js';
import { type Env, StorageDriver } from '../config/env.js';
import { LocalStorage } from './local.storage.js';
import { StorageController } from './storage.controller.js';
import { Storage } from './storage.js';
import { UrlSigner } from './url-signer.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ServerSecret])],
  controllers: apiControllers(StorageController),
  providers: [
    ServerSecretService,
    {
      provide: UrlSigner,
      inject: [ServerSecretService],
      useFactory: async (secrets: ServerSecretService) =>
        new UrlSigner(await secrets.getOrCreate('storage-url-signing')),
    },
    {
      provide: Storage,
      inject: [ConfigService, UrlSigner],
      useFactory: async (config: ConfigService<Env, true>, signer: UrlSigner): Promise<Storage> => {
        const ttl = config.get('SIGNED_URL_TTL_SECONDS', { infer: true });
        if (config.get('STORAGE_DRIVER', { infer: true }) === StorageDriver.S3) {
          // The AWS SDK is loaded only where S3 is configured: it costs each process (and the
          // queue worker thread) about 20 MB.
          const [{ S3Client }, { S3Storage }] = await Promise.all([
            import('@aws-sdk/client-s3'),
            import('./s3.storage.js'),
          ]);
          const endpoint = config.get('S3_ENDPOINT', { infer: true });
          const client = new S3Client({
            region: config.get('S3_REGION', { infer: true }),
            endpoint,
            forcePathStyle: config.get('S3_FORCE_PATH_STYLE', { infer: true }),
          });
          return new S3Storage(client, config.get('S3_BUCKET', { infer: true })!, ttl);
        }
        return new LocalStorage(
          config.get('STORAGE_LOCAL_DIR', { infer: true }),
          config.get('PUBLIC_URL', { infer: true }),
          signer,
          ttl,
        );
      },
    },
  ],
  exports: [Storage, UrlSigner, ServerSecretService],
})
export class StorageModule {}
