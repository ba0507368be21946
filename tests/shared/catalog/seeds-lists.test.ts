import { describe, expect, it } from 'vitest';
import { HALSOCENTER_PROCESS, VARNAMO_FAR_FLOW } from '../../../shared/catalog/halsocenter-process.js';
import { HALSOCENTER_FOCUS_AREAS, LIFESTYLE_HABITS, RISK_FACTORS, VENUES } from '../../../shared/catalog/lifestyle.js';
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

  it('names the lifestyle habits as seed 001 does', () => {
    expect(LIFESTYLE_HABITS.map((h) => h.label.sv)).toEqual(['Tobaksbruk', 'Riskbruk av alkohol', 'Fysisk aktivitet', 'Hälsosam mat']);
  });

  it('has the four Hälsocenter focus areas of seed 004', () => {
    expect(HALSOCENTER_FOCUS_AREAS.map((a) => a.label.sv)).toEqual(['Motion', 'Mat', 'Sömn', 'Balans/Återhämtning']);
  });

  it('has the Hälsocenter process from referral to follow-up at about six months', () => {
    expect(HALSOCENTER_PROCESS[0]?.value).toBe('remiss');
    expect(HALSOCENTER_PROCESS.at(-1)?.value).toBe('uppfoljning');
    expect(HALSOCENTER_PROCESS.some((s) => s.label.sv.startsWith('4-5 veckors aktivitet'))).toBe(true);
  });

  it("has Värnamo's FaR flow of seed 004 as its own list, in order", () => {
    expect(VARNAMO_FAR_FLOW.map((s) => s.label.sv)).toEqual([
      'Inledande hälsosamtal för alla – MI',
      'Program 6 mån',
      'Uppföljning 3 mån',
      'Avslut 6 mån',
      'Enkät 12 mån efter avslut',
    ]);
  });

  it('keeps generic words (simhallen, kvinnomoské, skolsköterskan) out of the named partners', () => {
    const names = EXAMPLE_PARTNERS.map((p) => p.name.toLowerCase());
    for (const generic of ['simhallen', 'kvinnomoské', 'skolsköterskan']) expect(names).not.toContain(generic);
    expect(VENUES.map((v) => v.value)).toEqual(expect.arrayContaining(['simhall', 'trossamfund']));
  });

  it('files every example partner under a known partner type', () => {
    const types = new Set<string>(PARTNER_TYPES.map((t) => t.value));
    for (const partner of EXAMPLE_PARTNERS) expect(types.has(partner.type)).toBe(true);
    expect(EXAMPLE_PARTNERS.map((x) => x.name)).toContain('Försäkringskassan');
  });

  it('uses unique ASCII kebab-case values in every list', () => {
    for (const list of [LIFESTYLE_HABITS, RISK_FACTORS, VENUES, PERSPECTIVES, PARTNER_TYPES, HALSOCENTER_PROCESS, VARNAMO_FAR_FLOW, HALSOCENTER_FOCUS_AREAS]) {
      const values = list.map((o) => o.value);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) expect(v).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
