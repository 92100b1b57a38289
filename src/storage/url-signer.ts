import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedUrlMethod } from './storage.js';

/** HMAC signatures for the local driver's URLs: method, key and expiry are all covered. */
export class UrlSigner {
  constructor(private readonly secret: Buffer) {}

  sign(method: SignedUrlMethod, key: string, expires: number): string {
    return createHmac('sha256', this.secret)
      .update(`${method}\n${key}\n${expires}`)
      .digest('base64url');
  }

  verify(method: SignedUrlMethod, key: string, expires: number, signature: string): boolean {
    if (!Number.isFinite(expires) || expires * 1000 < Date.now()) return false;
    const expected = Buffer.from(this.sign(method, key, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
