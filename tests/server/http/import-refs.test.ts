/**
 * Reference columns on the import path (REST and `samplan import` share `importIntoDocument`):
 * names become ids the way the pane reads them, any case and spacing; a name the workspace's
 * list does not hold is kept as typed and reported with the closest names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getRow } from '../../../shared/doc/index.js';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, readImportFile } from '../../../server/http/import-rows.js';
import { importRefLookups } from '../../../server/http/import-refs.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { demoPartnerId } from '../../../server/demo/demo-partners.js';

const clock = () => new Date('2026-01-20T09:00:00Z');
const storage = createMemoryStorage({ clock });
const docs = storageDocAccess(storage);
const csv = (text: string) => readImportFile('rader.csv', new TextEncoder().encode(text));

async function importCsv(doc: string, text: string, dryRun = false) {
  const ref = { workspace: DEMO_WORKSPACE, doc };
  const summary = await importIntoDocument(storage, docs, ref, await csv(text), { dryRun, principal: null, now: clock() });
  const rows = await docs.read(ref, (d) => summary.rowIds.map((id) => getRow(d, id)?.values));
  return { summary, rows };
}

describe('import of reference columns', () => {
  beforeAll(async () => {
    await seedDemo(storage, { clock, logger: silentLogger() });
  });

  it('stores the ids of a unit and an indicator typed by name, in any case and spacing', async () => {
    const { summary, rows } = await importCsv(
      'indikatorvarden',
      'Indikator;Enhet;Period;Kön;Värde\n  genomförda   HÄLSOSAMTAL ;tensta vårdcentral;2024Q3;T;17\n',
    );
    expect(summary.refused).toEqual([]);
    expect(summary.unresolved).toEqual([]);
    expect(rows[0]).toMatchObject({ indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2024Q3', value: 17 });
    expect(summary.normalized.indicator).toEqual({ 'ref-from-name': 1 });
    expect(summary.normalized.unit).toEqual({ 'ref-from-name': 1 });
  });

  it('keeps ids as they are', async () => {
    const { summary, rows } = await importCsv('indikatorvarden', 'Indikator;Enhet;Period;Kön;Värde\nvc-halsosamtal;vc-rinkeby;2024Q3;T;5\n');
    expect(summary.unresolved).toEqual([]);
    expect(rows[0]).toMatchObject({ indicator: 'vc-halsosamtal', unit: 'vc-rinkeby' });
    expect(summary.normalized.unit).toBeUndefined();
  });

  it('keeps an unknown name as typed and reports it with the closest names, in the dry run too', async () => {
    const text = 'Indikator;Enhet;Period;Kön;Värde\nGenomförda hälsosamtal;Tensta vc;2024Q2;T;3\n';
    const dry = await importCsv('indikatorvarden', text, true);
    const { summary, rows } = await importCsv('indikatorvarden', text);
    expect(dry.summary.unresolved).toEqual(summary.unresolved);
    expect(summary.imported).toBe(1);
    expect(rows[0]).toMatchObject({ indicator: 'vc-halsosamtal', unit: 'Tensta vc' });
    expect(summary.unresolved).toHaveLength(1);
    const [u] = summary.unresolved;
    expect(u).toMatchObject({ record: 1, column: 'unit', value: 'Tensta vc' });
    expect(u?.suggestions).toContain('Tensta vårdcentral');
    expect(u?.message.sv).toContain('Menade du');
    expect(u?.message.sv).toContain('"Tensta vårdcentral"');
  });

  it('reads a partner by name on an action plan, from the workspace\'s partner list', async () => {
    const { summary, rows } = await importCsv('handlingsplan', 'Enhet;Åtgärd;Samverkanspart\nregion stockholm;Gemensam hälsodag;  röda   korset\n');
    expect(summary.refused).toEqual([]);
    expect(rows[0]).toMatchObject({ unit: 'region-stockholm', partner: demoPartnerId('Röda Korset') });
  });

  it('reads only the lists the kind refers to, each from its own source', async () => {
    const lists = await importRefLookups(storage, docs, DEMO_WORKSPACE, 'action-plan');
    expect(Object.keys(lists).sort()).toEqual(['indicator', 'partner', 'unit']);
    expect(lists.partner?.idOf('FÖRSAMLINGEN')).toBe(demoPartnerId('Församlingen'));
    expect(Object.keys(await importRefLookups(storage, docs, DEMO_WORKSPACE, 'partners'))).toEqual(['kommun']);
  });
});
