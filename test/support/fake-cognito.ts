import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const POOL_ID = 'eu-west-1_TestPool1';
export const CLIENT_ID = 'test-app-client';

/** A stand-in for a Cognito user pool: a key pair, its JWKS over HTTP, and a counter of fetches. */
export class FakeCognito {
  readonly kid = 'test-key-1';
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  jwksFetches = 0;
  private server?: Server;
  private url = '';

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get issuer(): string {
    return `${this.url}/${POOL_ID}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  /** Settings that point the server at this pool. */
  env(): Record<string, string> {
    return {
      COGNITO_USER_POOL_ID: POOL_ID,
      COGNITO_CLIENT_ID: CLIENT_ID,
      COGNITO_ISSUER: this.issuer,
      COGNITO_JWKS_URL: this.jwksUrl,
    };
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === `/${POOL_ID}/.well-known/jwks.json`) {
        this.jwksFetches += 1;
        const jwk = this.publicKey.export({ format: 'jwk' });
        response.setHeader('Content-Type', 'application/json');
        response.end(
          JSON.stringify({ keys: [{ ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] }),
        );
        return;
      }
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** An access token as Cognito issues them; `claims` and `options` override any part. */
  accessToken(claims: Record<string, unknown> = {}, options: jwt.SignOptions = {}): string {
    return jwt.sign(
      { token_use: 'access', client_id: CLIENT_ID, 'cognito:groups': ['uploader'], ...claims },
      this.privateKey,
      {
        algorithm: 'RS256',
        keyid: this.kid,
        issuer: this.issuer,
        subject: 'user-1',
        expiresIn: 300,
        ...options,
      },
    );
  }

  idToken(claims: Record<string, unknown> = {}): string {
    return jwt.sign(
      {
        token_use: 'id',
        aud: CLIENT_ID,
        'cognito:groups': ['editor'],
        email: 'a@example.com',
        ...claims,
      },
      this.privateKey,
      {
        algorithm: 'RS256',
        keyid: this.kid,
        issuer: this.issuer,
        subject: 'user-2',
        expiresIn: 300,
      },
    );
  }
}
