const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;
/** Largest multiple of 62 below 256: bytes at or above it are redrawn so every character is equally likely. */
const UNBIASED_LIMIT = 248;

/**
 * A new random row id: 12 base62 characters (about 71 bits) from `crypto.getRandomValues`.
 * Row ids are stable for the life of a row; Excel order never changes them.
 */
export function newRowId(): string {
  let id = '';
  const bytes = new Uint8Array(24);
  while (id.length < ID_LENGTH) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b >= UNBIASED_LIMIT) continue;
      id += ALPHABET[b % 62];
      if (id.length === ID_LENGTH) break;
    }
  }
  return id;
}
