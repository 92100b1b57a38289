/** The caller behind a verified bearer token. */
export interface AuthUser {
  /** The token's `sub`. */
  id: string;
  /** The token's `cognito:groups`. */
  groups: string[];
  issuer: string;
  tokenUse: 'access' | 'id';
  /** Epoch milliseconds of `exp`. */
  expiresAt: number;
}

export enum Role {
  Uploader = 'uploader',
  Editor = 'editor',
  Admin = 'admin',
}
