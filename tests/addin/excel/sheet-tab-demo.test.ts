/**
 * Tab names of the demo workspace's documents: each clinic's plan keeps the clinic in its tab,
 * the tabs differ without "(2)", and every name is within Excel's rules and ends in neither a
 * dash nor a space.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tabNameFor, uniqueTabName, TAB_NAME_MAX } from '../../../addin/excel/sheet/sheet-tab.js';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRecord } from '../../../server/storage/storage.js';
import { clinicByUnit } from '../../../shared/catalog/clinics.js';

/** The words of a clinic's name that tell it from the others ("Capio Vårdcentral Kista" → Capio, Kista). */
const ownWords = (name: string): string[] => name.split(/\s+/).filter((w) => !/^vårdcentral$/i.test(w));

describe('tab names of the demo documents', () => {
  let docs: DocRecord[];
  beforeAll(async () => {
    const clock = () => new Date('2026-01-20T09:00:00Z');
    const storage = createMemoryStorage({ clock });
    await seedDemo(storage, { clock, logger: silentLogger() });
    docs = await storage.listDocs(DEMO_WORKSPACE);
  });

  it('names the clinic in the tab of every clinic plan', () => {
    const plans = docs.filter((d) => d.kind === 'activity-plan');
    expect(plans.length).toBeGreaterThanOrEqual(21);
    for (const plan of plans) {
      const clinic = clinicByUnit(plan.ownerUnit) ?? clinicByUnit(plan.doc.replace(/^aktivitetsplan-/, ''));
      const tab = tabNameFor(plan.title);
      const words = ownWords(clinic?.name ?? plan.title.split(' – ')[1] ?? '');
      expect(words.length, plan.title).toBeGreaterThan(0);
      for (const word of words) expect(tab, `${plan.title} → ${tab}`).toContain(word.replace(/vårdcentral/i, 'vc'));
    }
  });

  it('gives every document its own tab without a number, within Excel\'s rules', () => {
    const tabs = docs.map((d) => tabNameFor(d.title));
    expect(new Set(tabs.map((t) => t.toLowerCase())).size).toBe(tabs.length);
    const taken: string[] = [];
    for (const tab of tabs) {
      expect(tab.length).toBeLessThanOrEqual(TAB_NAME_MAX);
      expect(tab).not.toMatch(/[\\/?*[\]:]/);
      expect(tab).not.toMatch(/[\s\-–—]$/);
      expect(tab).not.toMatch(/^'|'$/);
      expect(uniqueTabName(tab, taken)).toBe(tab);
      taken.push(tab);
    }
  });
});

describe('tabNameFor on long titles', () => {
  it('puts the clinic first and shortens the generic part', () => {
    expect(tabNameFor('Aktivitetsplan 2025–2026 – Tensta vårdcentral (exempeldata)')).toBe('Tensta vc – Aktivitetsplan');
    expect(tabNameFor('Aktivitetsplan 2025–2026 – Capio Vårdcentral Kista (exempeldata)')).toBe('Capio vc Kista – Aktivitetsplan');
    expect(tabNameFor('KIM 2013–2015 – Wasa vårdcentral (ur KIM-rapporten)')).toBe('KIM 13–15 – Wasa vc');
  });

  it('never ends in a dash or a space, also when numbered', () => {
    expect(tabNameFor('Aktivitetsplan 2025–2026 – en mycket lång titel som inte får plats alls här')).not.toMatch(/[\s\-–—]$/);
    const wanted = 'Aktivitetsplan 2025–2026 – Tens';
    const numbered = uniqueTabName(wanted, [wanted]);
    expect(numbered).toBe('Aktivitetsplan 2025–2026 (2)');
  });
});
