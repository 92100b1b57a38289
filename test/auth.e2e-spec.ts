import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CLIENT_ID, FakeCognito } from './support/fake-cognito.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const unsigned = (payload: object): string =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
    JSON.stringify(payload),
  ).toString('base64url')}.`;

describe('bearer tokens (Cognito through JWKS, and the built-in issuer)', () => {
  const cognito = new FakeCognito();
  let api: TestApp;

  beforeAll(async () => {
    await cognito.start();
    api = await startTestApp({ ...cognito.env(), JWKS_REQUESTS_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await api.close();
    await cognito.stop();
  });

  const me = (token?: string) => {
    const request = api.http.get('/me');
    return token === undefined ? request : request.set('Authorization', `Bearer ${token}`);
  };

  it('accepts a Cognito access token and reports its subject and groups', async () => {
    const response = await me(cognito.accessToken()).expect(200);
    expect(response.body).toEqual({
      user_id: 'user-1',
      groups: ['uploader'],
      issuer: cognito.issuer,
      token_use: 'access',
    });
  });

  it('accepts a Cognito id token whose aud is the app client', async () => {
    const response = await me(cognito.idToken()).expect(200);
    expect(response.body).toMatchObject({ user_id: 'user-2', groups: ['editor'], token_use: 'id' });
  });

  it('accepts a token of the built-in issuer', async () => {
    const response = await me(api.token('alice', ['uploader', 'editor'])).expect(200);
    expect(response.body).toEqual({
      user_id: 'alice',
      groups: ['uploader', 'editor'],
      issuer: 'intake',
      token_use: 'access',
    });
  });

  const rejected: Array<[string, () => string | undefined]> = [
    ['no token', () => undefined],
    ['a malformed token', () => 'not-a-jwt'],
    [
      'alg none',
      () => unsigned({ sub: 'x', token_use: 'access', client_id: CLIENT_ID, iss: cognito.issuer }),
    ],
    [
      'HS256 signed with the public key',
      () =>
        jwt.sign(
          { token_use: 'access', client_id: CLIENT_ID },
          cognito.publicKey.export({ format: 'pem', type: 'spki' }),
          { algorithm: 'HS256', keyid: cognito.kid, issuer: cognito.issuer, subject: 'x' },
        ),
    ],
    ['an expired token', () => cognito.accessToken({}, { expiresIn: -60 })],
    ['nbf in the future', () => cognito.accessToken({}, { notBefore: 3600 })],
    [
      'a wrong iss',
      () =>
        cognito.accessToken({}, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/other' }),
    ],
    ['a wrong client_id', () => cognito.accessToken({ client_id: 'someone-else' })],
    ['an id token with a wrong aud', () => cognito.idToken({ aud: 'someone-else' })],
    ['a wrong token_use', () => cognito.accessToken({ token_use: 'refresh' })],
    ['an unknown kid', () => cognito.accessToken({}, { keyid: 'unknown-kid' })],
    [
      'a tampered payload',
      () => {
        const [header, payload, signature] = cognito.accessToken().split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        const forged = Buffer.from(
          JSON.stringify({ ...claims, 'cognito:groups': ['admin'] }),
        ).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    ],
    [
      'a token signed by a key outside the JWKS',
      () =>
        jwt.sign(
          { token_use: 'access', client_id: CLIENT_ID },
          generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
          {
            algorithm: 'RS256',
            keyid: cognito.kid,
            issuer: cognito.issuer,
            subject: 'x',
          },
        ),
    ],
  ];

  it.each(rejected)('answers 401 to %s', async (_case, token) => {
    const response = await me(token()).expect(401);
    expect(response.body.error.code).toMatch(/^(unauthorized|invalid_token|token_expired)$/);
  });

  it('tells an expired token apart from a missing one', async () => {
    expect(
      (await me(cognito.accessToken({}, { expiresIn: -60 })).expect(401)).body.error.code,
    ).toBe('token_expired');
    expect((await me().expect(401)).body.error.code).toBe('unauthorized');
    expect((await me('not-a-jwt').expect(401)).body.error.code).toBe('invalid_token');
  });

  it('fetches the JWKS a bounded number of times for a flood of unknown kids', async () => {
    const before = cognito.jwksFetches;
    for (let i = 0; i < 20; i += 1) {
      await me(cognito.accessToken({}, { keyid: `unknown-${i}` })).expect(401);
    }
    expect(cognito.jwksFetches - before).toBeLessThanOrEqual(5);
  });

  it('answers 403 on the queue dashboard without the admin group, 200 with it', async () => {
    await api.http.get('/admin/queues').expect(401);
    await api.http
      .get('/admin/queues')
      .set('Authorization', `Bearer ${api.token('bob', ['editor'])}`)
      .expect(403);
    await api.http
      .get('/admin/queues')
      .set('Authorization', `Bearer ${api.token('root', ['admin'])}`)
      .expect(200);
  });
});
