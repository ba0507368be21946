import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roundsCommand, RoundsUsageError } from '../../server/cli-rounds.js';
import { RoundsService } from '../../server/rounds/rounds-service.js';
import { RoundsStore } from '../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { createDoc, insertRows } from '../../shared/doc/index.js';
import { kindDef } from '../../shared/schema/index.js';

const WS = 'hbi';
const at = '2026-01-15T10:00:00.000Z';

async function setup() {
  const storage = createMemoryStorage();
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
  const doc = createDoc('indicator-catalog', { title: 'Katalog', ownerUnit: 'region', schemaVersion: kindDef('indicator-catalog').schemaVersion });
  insertRows(doc, [
    { id: 'vc-halsosamtal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal', direction: 'higher' },
    { id: 'vc-far-uppfoljda-6man', name: 'Andel FaR följda upp efter ca 6 månader', unitOfMeasure: 'procent', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher' },
  ]);
  await storage.appendUpdates({ workspace: WS, doc: 'katalog' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  await storage.putDocRecord({ workspace: WS, doc: 'katalog', kind: 'indicator-catalog', title: 'Katalog', ownerUnit: 'region', createdAt: at, updatedAt: at });
  const lines: string[] = [];
  return { storage, lines, log: (l: string) => lines.push(l) };
}

describe('samplan rounds define', () => {
  it('defines a round from a period in words, indicators by name and one for the region only', async () => {
    const { storage, lines, log } = await setup();
    const code = await roundsCommand('define', { workspace: WS, period: '2026 kv 1', due: '2026-04-15', indicator: ['Genomförda hälsosamtal', '1:andel far följda upp efter ca 6 månader'] }, storage, log);
    expect(code).toBe(0);
    const round = (await new RoundsStore(storage).state(WS)).rounds.get('2026-kv-1');
    expect(round).toMatchObject({ title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15', indicators: ['vc-halsosamtal'], levels: [{ level: 1, indicators: ['vc-far-uppfoljda-6man'] }], activities: true });
    expect(lines[0]).toContain('Round 2026-kv-1 (2026 Q1, due 2026-04-15) defined');
    const audit = await storage.listAudit(WS, 10);
    expect(audit.map((a) => a.action)).toContain('round-create');
  });

  it('says in words what is wrong: period, due date, indicator, taken id, workspace', async () => {
    const { storage, log } = await setup();
    const run = (flags: Parameters<typeof roundsCommand>[1]) => roundsCommand('define', { workspace: WS, ...flags }, storage, log);
    await expect(run({ period: '2026Q5', due: '2026-04-15' })).rejects.toThrow(/"2026Q5" is not a period/);
    await expect(run({ period: '2026Q1', due: '15/4' })).rejects.toThrow(/--due "15\/4" is not a date; write the last day to report as YYYY-MM-DD/);
    await expect(run({ period: '2026Q1', due: '2026-04-15', indicator: ['Hälsosamtal genomförda'] })).rejects.toThrow(/no indicator "Hälsosamtal genomförda".*did you mean "Genomförda hälsosamtal"/);
    await expect(run({ period: '2026Q1', due: '2026-04-15' })).resolves.toBe(0);
    await expect(run({ period: '2026Q1', due: '2026-04-15' })).rejects.toThrow(RoundsUsageError);
    await expect(roundsCommand('define', { workspace: 'nope', period: '2026Q1', due: '2026-04-15' }, storage, log)).rejects.toThrow(/no workspace "nope"/);
    await expect(roundsCommand('remove', { workspace: WS }, storage, log)).rejects.toThrow(/use define or list/);
    // The id is made from the title: the sentence names the title, which is what was typed.
    await expect(run({ period: '2026Q2', due: '2026-07-15', title: 'Omgång 850101-1236' })).rejects.toThrow(/The round's title contains a personal identity number/);
  });

  it('refuses a due date that has the shape but no day in the calendar, and still lists a round stored with one before', async () => {
    const { storage, lines, log } = await setup();
    for (const due of ['2026-02-30', '2026-13-45', '2026-04-31', '2026-00-10']) {
      await expect(roundsCommand('define', { workspace: WS, period: '2026Q1', due }, storage, log)).rejects.toThrow(`--due "${due}" is not a date`);
    }
    await expect(roundsCommand('define', { workspace: WS, period: '2024', due: '2024-02-29' }, storage, log)).resolves.toBe(0);
    // Written as an older Samplan did, without the check: kept and listed, not dropped.
    const service = new RoundsService(new RoundsStore(storage), storage, () => new Date(at));
    await service.create({ workspace: WS, memberId: 'admin', role: 'admin', units: [] }, { id: 'gammal', title: 'Gammal', period: '2025Q1', dueDate: '2025-02-30', indicators: [], activities: true, units: [] });
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.filter((l) => l.startsWith('gammal\t'))).toEqual(['gammal\t2025 Q1\tdue 2025-02-30\tGammal']);
  });

  it('lists the rounds with their period in words', async () => {
    const { storage, lines, log } = await setup();
    await roundsCommand('define', { workspace: WS, period: '2026', due: '2027-01-31', title: 'Helår 2026', 'no-activities': true, indicator: ['vc-halsosamtal'] }, storage, log);
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.at(-1)).toBe('helar-2026\t2026\tdue 2027-01-31\tHelår 2026');
  });
});
