import { describe, expect, it } from 'vitest';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
import type { Me, UnitInfo } from '../../../addin/taskpane/api-client.js';
import { authorize, canWriteRow } from '../../../server/auth/policy.js';
import type { Principal } from '../../../server/sync/principal.js';
import { ROLES } from '../../../shared/protocol/roles.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

const units: UnitInfo[] = [
  { code: 'region', name: 'Region Stockholm', parent: null },
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'region' },
  { code: 'vc-husby', name: 'Husby vårdcentral', parent: 'region' },
];
const editor: Me = { name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' };

describe('writeRightsFor', () => {
  it('opens another clinic’s plan read-only, saying whose it is and which units the person writes', () => {
    const rights = writeRightsFor(editor, { kind: 'activity-plan', ownerUnit: 'vc-husby' }, units);
    expect(rights.readOnly?.sv).toBe('Skrivskyddat: dokumentet tillhör Husby vårdcentral. Du ändrar bara dokument för Tensta vårdcentral.');
    expect(rights.readOnly?.en).toContain('belongs to Husby vårdcentral');
  });

  it('opens an archived document read-only for everyone, admins too, saying by whom and when', () => {
    const info = { kind: 'activity-plan', ownerUnit: 'vc-tensta', archivedAt: '2026-11-30T09:00:00.000Z', archivedBy: 'Anna Admin' };
    for (const role of ['editor', 'coordinator', 'admin'] as const) {
      const rights = writeRightsFor({ ...editor, role }, info, units);
      expect(rights.readOnly?.sv).toBe('Arkiverad av Anna Admin den 30 november 2026: dokumentet kan läsas men inte ändras. En administratör kan återställa det.');
      expect(rights.readOnly?.en).toMatch(/^Archived by Anna Admin on 30 November 2026:/);
    }
    expect(writeRightsFor(editor, { ...info, archivedBy: null }, units).readOnly?.sv).toMatch(/^Arkiverad den 30 november 2026:/);
    expect(writeRightsFor(editor, { ...info, archivedAt: null }, units)).toEqual({ readOnly: null });
  });

  it('lets an editor write the own clinic’s plan, and a coordinator or admin every plan', () => {
    expect(writeRightsFor(editor, { kind: 'activity-plan', ownerUnit: 'vc-tensta' }, units)).toEqual({ readOnly: null });
    for (const role of ['coordinator', 'admin'] as const) {
      expect(writeRightsFor({ ...editor, role }, { kind: 'partners', ownerUnit: 'region' }, units)).toEqual({ readOnly: null });
    }
  });

  it('keeps reference data read-only for every editor, and everything for a viewer', () => {
    expect(writeRightsFor(editor, { kind: 'partners', ownerUnit: 'vc-tensta' }, units).readOnly?.sv).toContain('ändras av samordnare');
    expect(writeRightsFor(editor, { kind: 'indicator-catalog', ownerUnit: 'vc-tensta' }, units).readOnly?.sv).toContain('ändras av samordnare');
    expect(writeRightsFor({ ...editor, role: 'viewer' }, { kind: 'activity-plan', ownerUnit: 'vc-tensta' }, units).readOnly?.sv).toBe('Skrivskyddat: din roll får bara läsa.');
  });

  it('marks the other units’ rows of the region’s indicator values, one by one, with the legend', () => {
    const rights = writeRightsFor(editor, { kind: 'indicator-values', ownerUnit: 'region' }, units);
    expect(rights.readOnly).toBeNull();
    expect(rights.legend?.sv).toMatch(/^Grå rader/);
    expect(rights.rowLocks?.reasonFor('r1', { indicator: 'sfh-12', unit: 'vc-tensta', period: '2025Q4', kon: 'T' })).toBeUndefined();
    expect(rights.rowLocks?.reasonFor('r2', { indicator: 'sfh-12', unit: 'vc-husby', period: '2025Q4', kon: 'T' })?.sv).toBe('raden tillhör Husby vårdcentral; du skriver bara rader för Tensta vårdcentral.');
    expect(writeRightsFor({ ...editor, role: 'coordinator' }, { kind: 'indicator-values', ownerUnit: 'region' }, units)).toEqual({ readOnly: null });
  });

  it('protects the other units’ rows of a county action plan, one by one', () => {
    const rights = writeRightsFor({ ...editor, units: ['vc-tensta', 'vc-husby'] }, { kind: 'action-plan', ownerUnit: 'region' }, units);
    expect(rights.readOnly).toBeNull();
    expect(rights.rowLocks?.reasonFor('r1', { unit: 'vc-tensta' })).toBeUndefined();
    expect(rights.legend?.sv).toMatch(/^Grå rader/);
    expect(rights.rowLocks?.reasonFor('r2', { unit: 'vc-rinkeby' })?.sv).toBe('raden tillhör vc-rinkeby; du skriver bara rader för Tensta vårdcentral och Husby vårdcentral.');
    expect(rights.rowLocks?.reasonFor('r3', {})?.en).toBe('the row has no unit; you write only rows of Tensta vårdcentral and Husby vårdcentral.');
  });
});

describe('the pane’s rights against the server’s policy', () => {
  it('greys exactly what the server refuses, for every role, kind, owner unit and row unit', () => {
    const units = ['vc-tensta', 'vc-husby', 'lan-stockholm'];
    const mismatches: string[] = [];
    const rowsCompared = new Map<string, number>();
    for (const role of ROLES) {
      for (const mine of [[], ['vc-tensta'], ['vc-tensta', 'vc-husby']]) {
        const me: Me = { name: 'Nina', role, units: mine, memberId: 'nina' };
        const principal: Principal = { workspace: 'ws', memberId: 'nina', name: 'Nina', role, units: mine, tokenId: 't' };
        for (const kind of DOC_KINDS) {
          for (const ownerUnit of units) {
            const pane = writeRightsFor(me, { kind, ownerUnit }, []);
            const doc = { kind, ownerUnit };
            const server = authorize(principal, 'write', { workspace: 'ws', doc }).ok;
            if ((pane.readOnly === null) !== server) mismatches.push(`${role} [${mine.join()}] ${kind} of ${ownerUnit}: pane ${pane.readOnly === null}, server ${server}`);
            if (!server || pane.readOnly !== null) continue;
            for (const rowUnit of [...units, null]) {
              const paneRow = pane.rowLocks?.reasonFor('r1', rowUnit === null ? {} : { unit: rowUnit }) === undefined;
              const serverRow = canWriteRow(principal, doc, rowUnit);
              rowsCompared.set(kind, (rowsCompared.get(kind) ?? 0) + 1);
              if (paneRow !== serverRow) mismatches.push(`${role} [${mine.join()}] ${kind} row of ${rowUnit}: pane ${paneRow}, server ${serverRow}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Row by row for the kinds whose rows units own: the action plan and the indicator values.
    expect(rowsCompared.get('action-plan')).toBeGreaterThan(0);
    expect(rowsCompared.get('indicator-values')).toBeGreaterThan(0);
  });
});
