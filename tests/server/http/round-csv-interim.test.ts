/**
 * An interim round's tables as CSV say that they are (a delavstämning: due inside its period, its
 * figures of part of the period), as the report and the pulled table say above theirs: the file's
 * name ends `-delavstamning` and `X-Samplan-Interim: true` tells a script, the table itself left as
 * Power Query reads it. The CSV said nothing: saved and opened, it read as the period's final
 * follow-up. The roll-up of another period than the round's own is no part-period figure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The file name and the interim header of the CSV answer of `path`. */
async function csvOf(path: string): Promise<{ file: string | undefined; interim: string | null; header: string }> {
  const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
  expect(res.status, path).toBe(200);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return { file: /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1], interim: res.headers.get('x-samplan-interim'), header: text.split('\r\n')[0] ?? '' };
}

describe("an interim round's CSV", () => {
  it('is named so, and says so to scripts, for its completeness and each roll-up table; a final round is not', async () => {
    f = await makeFixture();
    const base = { title: 'Halvtid', indicators: [], activities: true };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...base, id: 'halvtid', period: '2026', dueDate: '2026-07-15', interim: true }))).status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...base, id: 'helar', period: '2026', dueDate: '2027-01-31' }))).status).toBe(201);
    const tables = ['completeness?format=csv', 'rollup?format=csv', 'rollup?format=csv&table=far', 'rollup?format=csv&table=indicators&sep=semicolon', 'rollup?format=csv&period=2026'];
    for (const table of tables) {
      const interim = await csvOf(`/rounds/halvtid/${table}`);
      expect(interim.file, table).toMatch(/^ws1-halvtid-[a-z0-9-]+-delavstamning\.csv$/);
      expect(interim.interim, table).toBe('true');
      const final = await csvOf(`/rounds/helar/${table}`);
      expect(final.file, table).not.toContain('delavstamning');
      expect(final.interim, table).toBeNull();
      // The table is the same table: the header row first, no note above it.
      expect(interim.header).toBe(final.header);
    }
    // Another period than the round's own is no part of it.
    const earlier = await csvOf('/rounds/halvtid/rollup?format=csv&period=2025');
    expect([earlier.file, earlier.interim]).toEqual(['ws1-halvtid-2025-aktiviteter.csv', null]);
  });
});
