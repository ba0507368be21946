import { describe, expect, it } from 'vitest';
import { FAR_STEPS } from '../../../shared/catalog/far-steps.js';
import { LIFESTYLE_HABITS, RISK_FACTORS, VENUES } from '../../../shared/catalog/lifestyle.js';
import { MATURITY_LEVELS } from '../../../shared/catalog/maturity.js';
import { EXAMPLE_PARTNERS, PARTNER_TYPES } from '../../../shared/catalog/partners.js';
import { PERSPECTIVES } from '../../../shared/catalog/perspectives.js';

describe('catalog lists from the seeds', () => {
  it('has the four lifestyle habits of seed 001', () => {
    expect(LIFESTYLE_HABITS.map((h) => h.value)).toEqual(['tobak', 'alkohol', 'fysisk-aktivitet', 'matvanor']);
  });

  it('has the six risk factors of seed 001', () => {
    expect(RISK_FACTORS.map((r) => r.label.sv)).toContain('Nedsatt andningsfunktion');
    expect(RISK_FACTORS).toHaveLength(6);
  });

  it('has the venues seed 001 names', () => {
    const venues = VENUES.map((v) => v.value);
    for (const v of ['skola', 'mataffar', 'apotek', 'simhall', 'forening']) expect(venues).toContain(v);
  });

  it('has the four perspectives of seed 003 in order', () => {
    expect(PERSPECTIVES.map((x) => x.value)).toEqual(['individ-patient', 'befolkning', 'medarbetare', 'styrning-ledning']);
  });

  it('has the maturity scale 1–4 of seed 002', () => {
    expect(MATURITY_LEVELS.map((m) => m.value)).toEqual(['1', '2', '3', '4']);
    expect(MATURITY_LEVELS[0].label.sv).toBe('1 Planering pågår');
  });

  it('has the FaR process from referral to follow-up at about six months', () => {
    expect(FAR_STEPS[0]?.value).toBe('remiss');
    expect(FAR_STEPS.at(-1)?.value).toBe('uppfoljning');
    expect(FAR_STEPS.some((s) => s.label.sv.startsWith('4-5 veckors aktivitet'))).toBe(true);
  });

  it('files every example partner under a known partner type', () => {
    const types = new Set<string>(PARTNER_TYPES.map((t) => t.value));
    for (const partner of EXAMPLE_PARTNERS) expect(types.has(partner.type)).toBe(true);
    expect(EXAMPLE_PARTNERS.map((x) => x.name)).toContain('Försäkringskassan');
  });

  it('uses unique ASCII kebab-case values in every list', () => {
    for (const list of [LIFESTYLE_HABITS, RISK_FACTORS, VENUES, PERSPECTIVES, PARTNER_TYPES, FAR_STEPS]) {
      const values = list.map((o) => o.value);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) expect(v).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
