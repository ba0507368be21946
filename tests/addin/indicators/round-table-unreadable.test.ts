/**
 * The pulled Fullständighet table says, on the line above it, which units the server could not
 * read a document of (`reading: olasbar`: a stored history that does not decode), so a sheet does
 * not pass their figures off as whole; nothing is said when every unit was read, or by an older
 * server that does not tell.
 */
import { describe, expect, it } from 'vitest';
import { roundTableMeta, type CompletenessUnit } from '../../../addin/indicators/round-table-layout.js';
import { completenessUnit } from './completeness-unit.js';

const unit = (u: string, reading?: 'lasbar' | 'olasbar'): CompletenessUnit => completenessUnit(u, reading ? { reading } : {});
const AT = new Date('2026-05-02T10:00:00Z');
const data = (units: CompletenessUnit[]) => ({ kind: 'completeness' as const, round: { id: 'q2', title: 'Omgång q2', period: '2026Q2' }, units, names: {}, unitNames: { 'vc-a': 'Vårdcentral A' } });

describe('the completeness table’s note of units that cannot be read', () => {
  it('names them in Swedish and English after the counts', () => {
    const units = [unit('vc-a', 'olasbar'), unit('vc-b', 'lasbar')];
    expect(roundTableMeta(data(units), 'sv', AT)[2]).toMatch(/försenade\. Kan inte läsas: Vårdcentral A \(ett dokument med skadad sparad historik på servern; siffrorna är utan det\)\.$/);
    expect(roundTableMeta(data(units), 'en', AT)[2]).toMatch(/overdue\. Cannot be read: Vårdcentral A \(a document whose stored history on the server is damaged; the figures leave it out\)\.$/);
  });

  it('says nothing of it when every unit was read, or the server does not tell', () => {
    expect(roundTableMeta(data([unit('vc-a', 'lasbar'), unit('vc-b')]), 'sv', AT)[2]).toMatch(/försenade\.$/);
  });
});
