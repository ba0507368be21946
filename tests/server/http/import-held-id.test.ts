/**
 * A file exported and imported again updates the rows its ids name, also a row whose id the guard
 * reads a number in, stored before it did (`P850101x1236`: an id is the row's key, the number is
 * stored already). An id column value holding a number that names no row the document holds is
 * refused as any, and never made a new row's id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRow } from '../../../shared/doc/index.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { makeFixture, planRow, putDoc, WS, type Fixture } from './support.js';

const LEGACY = 'P850101x1236';

describe('an import naming a stored row whose id the guard reads a number in', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putDoc(f.storage, 'plan-legacy', 'activity-plan', 'vc-a', [planRow('Hälsodag')], f.now.value.toISOString(), [LEGACY]);
  });
  afterEach(() => f.close());

  async function importCsv(lines: string[]): Promise<Record<string, unknown>> {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-legacy/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: lines.join('\r\n') + '\r\n' });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('updates that row', async () => {
    expect(findPersonnummer(LEGACY)).not.toBeNull();
    const summary = await importCsv(['id;Aktivitet;Typ', `${LEGACY};Hälsodag i parken;promenadgrupp`]);
    expect(summary).toMatchObject({ updated: 1, imported: 0, refused: [] });
    const doc = await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-legacy' });
    expect(getRow(doc, LEGACY)?.values.title).toBe('Hälsodag i parken');
  });

  it('refuses an id holding a number that names no row of the document, and makes no row under it', async () => {
    const other = 'Q850101x1236';
    const summary = await importCsv(['id;Aktivitet;Typ', `${other};Ny rad;promenadgrupp`]);
    expect(summary).toMatchObject({ imported: 0, updated: 0, refused: [{ code: 'personnummer', rowId: null }] });
    const doc = await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-legacy' });
    expect(getRow(doc, other)).toBeUndefined();
  });
});
