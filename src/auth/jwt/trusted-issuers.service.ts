import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwksClient } from 'jwks-rsa';
import type { Env } from '../../config/env.js';
import { SigningKeyService } from '../issuer/signing-key.service.js';

export interface TrustedIssuer {
  issuer: string;
  /** Access tokens carry it as `client_id`, id tokens as `aud`. */
  clientId: string;
  jwks: JwksClient;
}

/**
 * The issuers whose tokens we accept, each verified through its own JWKS client (cached, with a
 * rate-limited refetch on an unknown `kid`): the built-in issuer always, Cognito when configured.
 */
@Injectable()
export class TrustedIssuersService {
  private readonly byIssuer = new Map<string, TrustedIssuer>();

  constructor(config: ConfigService<Env, true>, signingKeys: SigningKeyService) {
    const jwksOptions = {
      cache: true,
      cacheMaxAge: config.get('JWKS_CACHE_MAX_AGE_MS', { infer: true }),
      rateLimit: true,
      jwksRequestsPerMinute: config.get('JWKS_REQUESTS_PER_MINUTE', { infer: true }),
      timeout: 5000,
    };
    const builtIn = config.get('AUTH_ISSUER', { infer: true });
    this.byIssuer.set(builtIn, {
      issuer: builtIn,
      clientId: config.get('AUTH_CLIENT_ID', { infer: true }),
      // Same client and checks as Cognito's; the key set is read in-process instead of over HTTP.
      jwks: new JwksClient({ ...jwksOptions, fetcher: async () => signingKeys.jwks() }),
    });
    const cognito = cognitoIssuer(config);
    if (cognito) {
      this.byIssuer.set(cognito.issuer, {
        ...cognito,
        jwks: new JwksClient({ ...jwksOptions, jwksUri: cognito.jwksUri }),
      });
    }
  }

  find(issuer: unknown): TrustedIssuer | undefined {
    return typeof issuer === 'string' ? this.byIssuer.get(issuer) : undefined;
  }

  issuers(): string[] {
    return [...this.byIssuer.keys()];
  }
}

function cognitoIssuer(
  config: ConfigService<Env, true>,
): { issuer: string; clientId: string; jwksUri: string } | undefined {
  const poolId = config.get('COGNITO_USER_POOL_ID', { infer: true });
  const clientId = config.get('COGNITO_CLIENT_ID', { infer: true });
  if (!poolId || !clientId) return undefined;
  const region = config.get('COGNITO_REGION', { infer: true }) ?? poolId.split('_')[0];
  const issuer =
    config.get('COGNITO_ISSUER', { infer: true }) ??
    `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  const jwksUri =
    config.get('COGNITO_JWKS_URL', { infer: true }) ?? `${issuer}/.well-known/jwks.json`;
  return { issuer, clientId, jwksUri };
}
