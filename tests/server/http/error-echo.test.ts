/**
 * Error answers never give a personnummer back. Many sentences repeat what the request said (a
 * period, a unit, a year, a path), which helps people see a slip; an identity number typed in the
 * wrong place is masked on the way out, whichever route built the sentence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY_MASK, maskIdentities } from '../../../server/http/errors.js';
import { decodeEscapesLeniently } from '../../../server/log-redact.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
/** One identity number in the spellings a person types: dashed, with century, spaced. */
const SPELLINGS = ['850101-1236', '19850101-1236', '850101 1236', '850101\u20131236'];
/** The text with its percent escapes decoded, as a person reading an echoed URL sees it. */
const unescaped = (text: string): string => text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decodeURIComponent(run));

describe('error answers', () => {
  it('mask a personnummer given as a period, unit, year, round, document or path, and keep the rest of the sentence', async () => {
    f = await makeFixture();
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['sfh-12'] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    for (const pnr of SPELLINGS) {
      const q = encodeURIComponent(pnr);
      const cases: Array<[string, string | undefined, RequestInit?]> = [
        [`/v1/workspaces/${WS}/rollup?period=${q}`, f.tokens.viewer],
        [`/v1/workspaces/${WS}/rounds/2026-kv-2/rollup?period=${q}`, f.tokens.viewer],
        [`/v1/workspaces/${WS}/rounds/2026-kv-2/report?unit=${q}`, f.tokens.viewer],
        [`/v1/workspaces/${WS}/rounds/${q}/rollup?period=2026`, f.tokens.viewer],
        [`/v1/workspaces/${WS}/calendar/${q}`, f.tokens.viewer],
        [`/v1/workspaces/${WS}/rounds/2026-kv-2/units/${q}/submit`, f.tokens.coordinator, json({})],
        [`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json({ kind: 'activity-plan', doc: 'plan-x', title: 'Plan', ownerUnit: pnr })],
        [`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'nina', name: 'Nina', role: 'editor', units: [pnr] })],
        [`/v1/nothing/${q}`, undefined],
        [`/nothing/${q}`, undefined],
      ];
      for (const [path, token, init] of cases) {
        const res = await f.req(path, token, init);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
        const text = await res.text();
        expect(findPersonnummer(text), `${path}: ${text}`).toBeNull();
        expect(findPersonnummer(unescaped(text)), `${path}: ${text}`).toBeNull();
        const err = JSON.parse(text) as { error: { message: string } };
        expect(err.error.message.length, path).toBeGreaterThan(10);
      }
    }
  });

  it('never echo a path whose escapes, decoded once or more, leniently, hold an identity number', async () => {
    f = await makeFixture();
    // Bytes that are no UTF-8 (`%FF`, a cut `%E2%80`) beside well-formed escapes, a `%` escaped
    // (`%25`, the text `850101%1236`), and escapes escaped again (`%252D` is `%2D`, then `-`).
    const paths = [
      '/nothing/850101%FF1236',
      '/nothing/850101%E2%80%93%FF1236',
      '/nothing/850101%C31236',
      '/nothing/850101%E2%801236',
      '/nothing/8501%FF011236',
      '/nothing/85%FF01%FF01%FF1236',
      '/nothing/850101%251236',
      '/nothing/850101%252D1236',
      '/nothing/19850101%2525E2%252580%2525931236',
    ];
    for (const path of paths) {
      const res = await f.req(path, undefined);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      let reading = text;
      for (let round = 0; round < 3; round++) {
        expect(findPersonnummer(reading), `${path}: ${text}`).toBeNull();
        reading = decodeEscapesLeniently(reading);
      }
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toContain(IDENTITY_MASK);
    }
    // A path without one is echoed as sent, escapes and all, so people see what they asked for.
    const plain = await errorOf(await f.req('/nothing/rapport%FF%20v12', undefined));
    expect(englishOf(plain)).toBe('There is nothing at GET /nothing/rapport%FF%20v12.');
  });

  it('still repeat a slip that is no identity number, so people see what they typed', async () => {
    f = await makeFixture();
    const res = await f.req(`/v1/workspaces/${WS}/rollup?period=2026Q5`, f.tokens.viewer);
    const err = await errorOf(res);
    expect(englishOf(err)).toContain('"2026Q5" is not a period');
    expect((err.details as { message: { sv: string } }).message.sv).toContain('2026Q5');
    // Asked for in English: the route's English adds the Swedish spellings to the sentence.
    const masked = await errorOf(await f.req(`/v1/workspaces/${WS}/rollup?period=850101-1236`, f.tokens.viewer, { headers: { 'accept-language': 'en' } }));
    expect(masked.message).toBe(`"${IDENTITY_MASK}" is not a period. Write e.g. 2024, 2024 Q2, 2024 H1, June 2024 or Jun-24 (or in Swedish: 2024 kv 2, 2024 halvår 1, juni 2024, jun-24).`);
  });
});

describe('maskIdentities', () => {
  it('masks strings at any depth of a body and leaves keys, numbers and other text alone', () => {
    const body = { units: ['vc-a', 'x 850101-1236 y'], n: 3, nested: { sv: 'Värde 198501011236.' }, none: null };
    expect(maskIdentities(body)).toEqual({ units: ['vc-a', `x ${IDENTITY_MASK} y`], n: 3, nested: { sv: `Värde ${IDENTITY_MASK}.` }, none: null });
    expect(maskIdentities('Ring 08-123 456 78 den 2025-03-01')).toBe('Ring 08-123 456 78 den 2025-03-01');
    expect(maskIdentities('There is nothing at GET /v1/x/850101%E2%80%931236.')).toBe(`There is nothing at GET /v1/x/${IDENTITY_MASK}.`);
    expect(maskIdentities('Nothing at /v1/x/a%20b, 100%')).toBe('Nothing at /v1/x/a%20b, 100%');
  });
});
