/**
 * A storage wrapper that counts the token rows its token reads hand back, for tests that assert
 * how many rows a request reads (not how long it takes).
 */
import type { Storage, TokenRecord } from '../../../server/storage/storage.js';

/** Token rows handed back while `counting`, and calls per storage method. */
export interface TokenReads {
  counting: boolean;
  rows: number;
  calls: Record<string, number>;
}

/** `inner` with every call of the storage methods named in `methods` counted in `reads` (rows handed back, calls per method). */
export function countingTokens(inner: Storage, reads: TokenReads, methods: readonly string[]): Storage {
  const counted = new Set(methods);
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || !counted.has(prop)) return value;
      return async (...args: unknown[]) => {
        const out = await (value as (...a: unknown[]) => Promise<TokenRecord[] | TokenRecord | null>).apply(target, args);
        if (reads.counting) {
          reads.calls[prop] = (reads.calls[prop] ?? 0) + 1;
          reads.rows += Array.isArray(out) ? out.length : out === null ? 0 : 1;
        }
        return out;
      };
    },
  });
}
