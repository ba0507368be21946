/**
 * The key an access token is remembered by (`AccessTokenStore`): SHA-256 hex of its signed part,
 * the JWS compact serialization's `header.payload` (RFC 7515 §7.1). The signature is left out on
 * purpose: base64url decoders take more than one spelling of the same signature bytes (the unused
 * bits of the last character), so one token can be sent in several spellings that all verify, and a
 * hash of the whole text would let a signed-out token in again by changing one character. The
 * signed part cannot be changed without breaking the signature, so every spelling that verifies
 * has one key. The token itself is never stored; the key opens nothing.
 */
import { createHash } from 'node:crypto';

/** The key of the compact JWS `token`; throws when it is not one (three dot-separated parts). */
export function accessTokenKey(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('an access token is three dot-separated parts');
  return createHash('sha256').update(`${parts[0]}.${parts[1]}`).digest('hex');
}
