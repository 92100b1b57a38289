import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AuthUser } from '../auth-user.js';

/**
 * Tokens already verified, until they expire: an RS256 verification costs more than the rest of a
 * typical request. One per process, shared by every guarded route.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly users = new LRUCache<string, AuthUser>({ max: 50_000 });

  get(token: string): AuthUser | undefined {
    const user = this.users.get(token);
    return user && user.expiresAt > Date.now() ? user : undefined;
  }

  set(token: string, user: AuthUser): void {
    this.users.set(token, user, { ttl: Math.max(1, user.expiresAt - Date.now()) });
  }
}
