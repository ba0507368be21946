import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

const JITTER_DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Something with an id and a position: a row, as far as ordering is concerned. */
export interface Positioned {
  id: string;
  pos: string;
}

/**
 * The document order: by position, then by id. Replicas that inserted concurrently at the same
 * place can hold equal positions; the id makes their order the same everywhere.
 */
export function comparePositioned(a: Positioned, b: Positioned): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function jitter(): string {
  const bytes = new Uint8Array(3);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += JITTER_DIGITS[b % JITTER_DIGITS.length];
  return s;
}

/**
 * `n` ascending position keys strictly between `lo` and `hi` (null: open end), with a short random
 * suffix so that two replicas inserting at the same place rarely produce equal keys.
 * Requires `lo < hi` when both are given.
 */
export function keysBetween(lo: string | null, hi: string | null, n: number): string[] {
  const keys = generateNKeysBetween(lo, hi, n);
  const suffix = jitter();
  const jittered = keys.map((k) => k + suffix);
  // A suffix can break the order only when one key is a prefix of the next; then skip it.
  for (let i = 0; i < jittered.length; i++) {
    const k = jittered[i] as string;
    const prev = i === 0 ? lo : (jittered[i - 1] as string);
    if ((prev !== null && !(prev < k)) || (hi !== null && !(k < hi))) return keys;
  }
  return jittered;
}

/**
 * `pos` when it is a position key new keys can be generated next to, else null (an open end).
 * A row can be seen without a usable `_pos`: for a moment when a move arrives before the insert
 * it builds on (Yjs applies the delete of the old `_pos` at once and holds the new one back), or
 * when a foreign client wrote junk. Such a row sorts first and must not make inserting throw.
 */
function usable(pos: string | null | undefined): string | null {
  if (!pos) return null;
  try {
    generateKeyBetween(pos, null);
    return pos;
  } catch {
    return null;
  }
}

/** What {@link planInsert} decides: the new keys, and positions of tied rows to rewrite. */
export interface InsertPlan {
  keys: string[];
  moves: Array<{ id: string; pos: string }>;
}

/**
 * Positions for `n` rows inserted at `index` of the ordered `rows` (0: first, rows.length: last).
 * When the neighbours hold equal positions (concurrent inserts), no key fits between them; the
 * tied rows after the gap then get fresh positions after the new ones.
 */
export function planInsert(rows: readonly Positioned[], index: number, n: number): InsertPlan {
  const lo = index > 0 ? usable(rows[index - 1]?.pos) : null;
  const hiRow = rows[index];
  const hi = usable(hiRow?.pos);
  if (hiRow === undefined || lo === null || hi === null || lo < hi) {
    return { keys: keysBetween(lo, hi, n), moves: [] };
  }
  let end = index;
  while (end < rows.length && (rows[end] as Positioned).pos === lo) end++;
  const tied = rows.slice(index, end);
  const keys = keysBetween(lo, usable(rows[end]?.pos), n + tied.length);
  return {
    keys: keys.slice(0, n),
    moves: tied.map((r, i) => ({ id: r.id, pos: keys[n + i] as string })),
  };
}
