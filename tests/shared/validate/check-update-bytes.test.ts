/**
 * An update carrying byte arrays past what any value may hold (`tooManyBytes` of
 * `check-update.ts`) is refused whole, in words, before any net reads it: each net read every
 * byte in every reading first (seconds for a few MB of random bytes, the server held), and the
 * walk then refused the array as no value anyway. Refused whole, nothing of it is applied or
 * stored, so nothing goes unread that storage or a peer gets; a smaller array is read as before.
 */
import type * as RawScan from '../../../shared/validate/raw-scan.js';
import type * as RawScanBinary from '../../../shared/validate/raw-scan-binary.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { mayHoldNumber, scanBytes } from '../../../shared/validate/raw-scan.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { Limits } from '../../../shared/protocol/limits.js';

vi.mock('../../../shared/validate/raw-scan.js', async (importOriginal) => {
  const original = await importOriginal<typeof RawScan>();
  return { ...original, mayHoldNumber: vi.fn(original.mayHoldNumber), scanBytes: vi.fn(original.scanBytes) };
});
vi.mock('../../../shared/validate/raw-scan-binary.js', async (importOriginal) => {
  const original = await importOriginal<typeof RawScanBinary>();
  return { ...original, findPersonnummerInBinary: vi.fn(original.findPersonnummerInBinary) };
});

const nets = [vi.mocked(mayHoldNumber), vi.mocked(scanBytes), vi.mocked(findPersonnummerInBinary)];
beforeEach(() => nets.forEach((n) => n.mockClear()));

/** An update by a fresh client making `put` on a plan with one row; the server's doc beside it. */
function updateOf(put: (row: Y.Map<unknown>, doc: Y.Doc) => void): { server: Y.Doc; update: Uint8Array } {
  const server = new Y.Doc();
  server.transact(() => {
    server.getMap('meta').set('kind', 'activity-plan');
    const row = new Y.Map<unknown>();
    server.getMap('rows').set('r0', row);
    row.set('_pos', 'a0');
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  put(client.getMap('rows').get('r0') as Y.Map<unknown>, client);
  return { server, update: Y.encodeStateAsUpdate(client, before) };
}

const bytesOf = (n: number, seed = 7): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + seed * 104729) % 251);
const MOST = Limits.maxStringLength * 3;

describe('checkUpdate of byte arrays', () => {
  it.each([
    ['binary content of 4 MB in a cell', (row: Y.Map<unknown>) => row.set('title', bytesOf(4 << 20))],
    ['a byte array of 1 MB in a JSON value of a cell', (row: Y.Map<unknown>) => row.set('title', { list: [1, bytesOf(1 << 20)] })],
    ['many small byte arrays in cells, past the bound together', (row: Y.Map<unknown>) => ['title', 'responsible', 'note', 'place'].forEach((k, i) => row.set(k, bytesOf(MOST / 3, i)))],
    ['a byte array in the settings', (_row: Y.Map<unknown>, doc: Y.Doc) => doc.getMap('meta').set('title', bytesOf(MOST + 1))],
  ])('refuses %s whole, in words, before any net reads the update', (_what, put) => {
    const { server, update } = updateOf(put);
    const verdict = checkUpdate(server, update);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe('non-primitive');
    expect(verdict.only).toBeUndefined();
    expect(verdict.message.sv).toMatch(/sammansatt värde/);
    expect(verdict.message.en).toMatch(/composite value/);
    for (const net of nets) expect(net).not.toHaveBeenCalled();
  });

  it('reads a byte array within the bound as before: refused with its row alone, or whole as a personnummer when it holds one', () => {
    const small = updateOf((row) => row.set('title', bytesOf(MOST)));
    const verdict = checkUpdate(small.server, small.update);
    expect(verdict.ok ? 'ok' : [verdict.code, verdict.only?.rows]).toEqual(['non-primitive', ['r0']]);
    expect(vi.mocked(findPersonnummerInBinary)).toHaveBeenCalled();
    const number = updateOf((row) => row.set('title', new Uint8Array(Buffer.from('\ufeffEva 850101-1236', 'utf16le'))));
    const refused = checkUpdate(number.server, number.update);
    expect(refused.ok ? 'ok' : [refused.code, refused.only]).toEqual(['personnummer', undefined]);
  });
});
