import { describe, expect, it } from 'vitest';
import { newDocumentTarget } from '../../../addin/taskpane/new-document.js';

const units = [
  { code: 'region-stockholm', name: 'Region Stockholm', parent: null },
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'region-stockholm' },
];
const editor = { name: 'Anna', role: 'editor' as const, units: ['vc-tensta'], memberId: 'anna' };

describe('new from template', () => {
  it("makes the activity plan the member's own clinic's, titled by kind, clinic and year", () => {
    expect(newDocumentTarget('activity-plan', editor, units, 'sv', 2026)).toEqual({ ownerUnit: 'vc-tensta', title: 'Aktivitetsplan Tensta vårdcentral 2026' });
  });

  it('gives a member without units the top unit', () => {
    expect(newDocumentTarget('partners', { ...editor, units: [] }, units, 'sv', 2026)?.ownerUnit).toBe('region-stockholm');
  });

  it('has nothing to offer a workspace without units', () => {
    expect(newDocumentTarget('indicator-values', editor, [], 'en')).toBeNull();
  });
});
