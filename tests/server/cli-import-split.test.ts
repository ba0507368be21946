/**
 * `samplan import`, which writes past the sync door (`storageDocAccess` runs no `checkUpdate`),
 * stores nothing of a personnummer split over two neighbouring cells: that record is refused
 * (exit 2, as every personnummer), the others imported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../server/cli-import.js';
import { storageDocAccess } from '../../server/http/doc-access.js';
import { rowsOf } from '../../shared/doc/index.js';
import { makeFixture, PARTNER_ID, WS, type Fixture } from './http/support.js';

describe('samplan import and a personnummer split over two cells', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-split-'));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (name: string, rows: unknown[]) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(rows));
    return importCommand([WS, 'partners', file], {}, (fn) => fn(f.storage), {});
  };
  const stored = () => storageDocAccess(f.storage).read({ workspace: WS, doc: 'partners' }, (doc) => rowsOf(doc).map((r): Record<string, unknown> => ({ id: r.id, ...r.values })));

  it('stores nothing of the pair, and the other records', async () => {
    const code = await run('ny.json', [
      { name: 'Friskis', type: 'frivilligorganisation', contact: 'Anna' },
      { name: 'Delad', type: 'frivilligorganisation', email: '811218', phone: '9876' },
    ]);
    expect(code).toBe(2);
    const rows = await stored();
    expect(rows.map((r) => r.name)).toContain('Friskis');
    expect(rows.map((r) => r.name)).not.toContain('Delad');
    expect(JSON.stringify(rows)).not.toMatch(/811218|9876/);
  });

  it('does not complete a pair with a stored half', async () => {
    expect(await run('halv.json', [{ id: PARTNER_ID, contact: '811218' }])).toBe(0);
    expect(await run('andra.json', [{ id: PARTNER_ID, email: '9876' }])).toBe(2);
    const row = (await stored()).find((r) => r.id === PARTNER_ID);
    expect(row?.contact).toBe('811218');
    expect(JSON.stringify(row)).not.toContain('9876');
  });
});
