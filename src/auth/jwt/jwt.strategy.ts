import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import jwt from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../auth-user.js';
import { TrustedIssuersService } from './trusted-issuers.service.js';

type KeyCallback = (error: Error | null, key?: string) => void;

interface CognitoClaims {
  sub?: unknown;
  iss?: unknown;
  exp?: number;
  token_use?: unknown;
  client_id?: unknown;
  aud?: unknown;
  'cognito:groups'?: unknown;
}

export const JWT_STRATEGY = 'jwt';

/**
 * passport-jwt over jwks-rsa: RS256 only, `iss` one of the trusted issuers, the key found by `kid`
 * in that issuer's JWKS, then Cognito's own checks (`token_use`, `client_id` or `aud`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(private readonly trusted: TrustedIssuersService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['RS256'],
      issuer: trusted.issuers(),
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: KeyCallback) => {
        const decoded = jwt.decode(rawToken, { complete: true });
        const kid = decoded?.header.kid;
        const issuer = trusted.find((decoded?.payload as CognitoClaims | undefined)?.iss);
        if (!decoded || decoded.header.alg !== 'RS256' || !kid || !issuer) {
          done(new jwt.JsonWebTokenError('token not from a trusted issuer'));
          return;
        }
        issuer.jwks.getSigningKey(kid).then(
          (key) => done(null, key.getPublicKey()),
          () => done(new jwt.JsonWebTokenError('unknown signing key')),
        );
      },
    });
  }

  validate(claims: CognitoClaims): AuthUser | false {
    const issuer = this.trusted.find(claims.iss);
    if (!issuer || typeof claims.sub !== 'string' || claims.sub === '' || !claims.exp) return false;
    const audienceMatches =
      claims.token_use === 'access'
        ? claims.client_id === issuer.clientId
        : claims.token_use === 'id' && claims.aud === issuer.clientId;
    if (!audienceMatches) return false;
    const groups = Array.isArray(claims['cognito:groups'])
      ? claims['cognito:groups'].filter((group): group is string => typeof group === 'string')
      : [];
    return {
      id: claims.sub,
      groups,
      issuer: issuer.issuer,
      tokenUse: claims.token_use as AuthUser['tokenUse'],
      expiresAt: claims.exp * 1000,
    };
  }
}
