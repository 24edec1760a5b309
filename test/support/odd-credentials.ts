import { randomBytes } from 'node:crypto';

/**
 * A password with every character a URL gives a meaning (`@ : / ? # %`),
 * a quote, and non-ASCII letters: valid once percent-encoded. Unique per
 * call so that a leaked one is easy to search for.
 */
export function oddPassword(): string {
  return `p@ss:w/rd?#%25"ü密-${randomBytes(4).toString('hex')}`;
}

/** `user:password@` with both percent-encoded, as a user writes them in a URL. */
export function encodedCredentials(user: string, password: string): string {
  return `${encodeURIComponent(user)}:${encodeURIComponent(password)}@`;
}
