import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf, setCells } from '../../../shared/doc/index.js';
import type { DocumentInfo } from '../../../addin/taskpane/api-client.js';
import { indicatorName, missingProblems, missingTargets, type MissingRequest } from '../../../addin/taskpane/missing-rows.js';
import { showMissing } from '../../../addin/taskpane/show-missing.js';
import type { OpenDoc } from '../../../addin/taskpane/documents-controller.js';

const info = (id: string, kind: string, ownerUnit: string | null): DocumentInfo => ({ id, kind, title: id, ownerUnit, updatedAt: null, archivedAt: null }) as DocumentInfo;

describe('missing rows of a round', () => {
  it('names an indicator row without a value by the indicator, on its value cell, and drops it once filled', () => {
    const doc = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'vc-tensta', schemaVersion: 2 });
    insertRows(doc, [
      { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2025Q2', kon: 'T', value: null, status: 'preliminar' },
      { indicator: 'vc-far-forskrivna', unit: 'vc-tensta', period: '2025Q2', kon: 'T', value: null, status: 'preliminar' },
    ]);
    const [a, b] = rowsOf(doc).map((r) => r.id) as [string, string];
    const note = { roundTitle: '2025 kv 2', rowIds: [a, b], indicators: ['vc-far-uppfoljda-6man'] };
    const before = missingProblems('varden', 'indicator-values', doc, note);
    expect(before.map((p) => [p.rowId, p.column, p.message.sv])).toEqual([
      [a, 'value', 'Saknas för 2025 kv 2: Genomförda hälsosamtal'],
      [b, 'value', `Saknas för 2025 kv 2: ${indicatorName('vc-far-forskrivna', 'sv')}`],
      [null, null, `Saknas för 2025 kv 2: ${indicatorName('vc-far-uppfoljda-6man', 'sv')} (ingen rad)`],
    ]);
    expect(indicatorName('vc-far-forskrivna', 'sv')).not.toBe('vc-far-forskrivna');
    setCells(doc, a, { value: 14 });
    expect(missingProblems('varden', 'indicator-values', doc, note).map((p) => p.rowId)).toEqual([b, null]);
  });

  it('asks an activity for its outcome: the status, or the participants reached of one held', () => {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-tensta', schemaVersion: 2 });
    insertRows(doc, [
      { title: 'Promenadgrupp', type: 'promenadgrupp', startDate: '2025-04-01', endDate: '2025-06-10' },
      { title: 'Hälsodag', type: 'halsodag', startDate: '2025-05-01', endDate: '2025-05-01', status: 'genomford' },
      { title: 'Föreläsning', type: 'halsodag', startDate: '2025-05-02', endDate: '2025-05-02', status: 'installd' },
    ]);
    const ids = rowsOf(doc).map((r) => r.id);
    const got = missingProblems('plan', 'activity-plan', doc, { roundTitle: '2025 kv 2', rowIds: ids, indicators: [] });
    expect(got.map((p) => [p.rowId, p.column])).toEqual([
      [ids[0], 'status'],
      [ids[1], 'participantsReached'],
    ]);
    expect(got[0]?.message.en).toBe('Missing for 2025 kv 2: outcome (held or cancelled, participants reached)');
  });

  it('sends indicators with no row to the unit’s own indicator document, else the one the round waits in', () => {
    const docs = [info('plan-t', 'activity-plan', 'vc-tensta'), info('varden-region', 'indicator-values', 'region'), info('varden-t', 'indicator-values', 'vc-tensta')];
    const req: MissingRequest = { round: { id: '2025-kv-2', title: '2025 kv 2' }, unit: 'vc-tensta', docs: [{ doc: 'plan-t', kind: 'activity-plan', title: 'Plan', rowIds: ['r1'] }], missingIndicators: ['vc-halsosamtal'] };
    expect(missingTargets(req, docs).map((t) => [t.info.id, t.note.rowIds, t.note.indicators])).toEqual([
      ['plan-t', ['r1'], []],
      ['varden-t', [], ['vc-halsosamtal']],
    ]);
    const other = { ...req, unit: 'vc-husby', docs: [{ doc: 'varden-region', kind: 'indicator-values', title: 'V', rowIds: ['v1'] }] };
    expect(missingTargets(other, docs).map((t) => [t.info.id, t.note.rowIds, t.note.indicators])).toEqual([['varden-region', ['v1'], ['vc-halsosamtal']]]);
  });

  it('opens each document, notes it, and selects the first missing row', async () => {
    const opened: string[] = [];
    const notes: string[] = [];
    const selected: [string, string][] = [];
    const open: OpenDoc[] = [];
    const docs = {
      get docs() {
        return open;
      },
      setMissing: (id: string) => void notes.push(id),
    };
    const binding = {};
    const req: MissingRequest = { round: { id: '2025-kv-2', title: '2025 kv 2' }, unit: 'vc-tensta', docs: [{ doc: 'plan-t', kind: 'activity-plan', title: 'Plan', rowIds: ['r1', 'r2'] }], missingIndicators: [] };
    const n = await showMissing(req, {
      documents: async () => [info('plan-t', 'activity-plan', 'vc-tensta')],
      docs: docs as never,
      open: (d) => {
        opened.push(d.id);
        if (!open.some((o) => o.info.id === d.id)) setTimeout(() => open.push({ info: d, binding, bindError: null } as unknown as OpenDoc), 20);
      },
      showRow: async (doc, rowId) => (selected.push([doc, rowId]), true),
    });
    expect(n).toBe(1);
    expect(notes).toEqual(['plan-t']);
    expect(opened[0]).toBe('plan-t');
    expect(selected).toEqual([['plan-t', 'r1']]);
  });
});
