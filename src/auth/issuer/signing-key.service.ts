import { createHash, generateKeyPairSync } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import jwt from 'jsonwebtoken';
import type { Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import { SigningKey } from './signing-key.entity.js';

export interface TokenClaims {
  sub: string;
  groups?: string[];
  ttlSeconds?: number;
}

/**
 * The built-in issuer: an RS256 key pair generated on first start and kept in Postgres, the JWKS
 * that publishes it, and access tokens shaped like Cognito's.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = new Logger(SigningKeyService.name);
  private key?: SigningKey;

  constructor(
    @InjectRepository(SigningKey) private readonly keys: Repository<SigningKey>,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.key = (await this.keys.findOneBy({ active: true })) ?? (await this.createKey());
  }

  jwks(): { keys: Record<string, string>[] } {
    return { keys: [this.activeKey().publicJwk] };
  }

  issueAccessToken(claims: TokenClaims): string {
    const key = this.activeKey();
    return jwt.sign(
      {
        token_use: 'access',
        client_id: this.config.get('AUTH_CLIENT_ID', { infer: true }),
        'cognito:groups': claims.groups ?? [],
        scope: 'openid',
      },
      key.privateKeyPem,
      {
        algorithm: 'RS256',
        keyid: key.kid,
        subject: claims.sub,
        issuer: this.config.get('AUTH_ISSUER', { infer: true }),
        expiresIn:
          claims.ttlSeconds ?? this.config.get('AUTH_ACCESS_TOKEN_TTL_SECONDS', { infer: true }),
      },
    );
  }

  private activeKey(): SigningKey {
    if (!this.key) throw new Error('signing key not loaded');
    return this.key;
  }

  private async createKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
    // RFC 7638 thumbprint: stable, and unique per key.
    const kid = createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest('base64url');
    // A replica starting at the same moment may win: the partial unique index keeps one active key.
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({
        kid,
        privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' },
        active: true,
      })
      .orIgnore()
      .execute();
    const active = await this.keys.findOneByOrFail({ active: true });
    if (active.kid === kid) this.logger.log({ kid }, 'generated the built-in issuer signing key');
    return active;
  }
}
