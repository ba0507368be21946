import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roundsCommand } from '../../server/cli-rounds.js';
import { RoundsUsageError } from '../../server/cli-rounds-args.js';
import { RoundsService } from '../../server/rounds/rounds-service.js';
import { RoundsStore } from '../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { createDoc, insertRows } from '../../shared/doc/index.js';
import { kindDef } from '../../shared/schema/index.js';
import { roundDefSchema } from '../../shared/rounds/model.js';

const WS = 'hbi';
const at = '2026-01-15T10:00:00.000Z';

async function setup() {
  const storage = createMemoryStorage();
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
  await storage.putMember({ workspace: WS, id: 'anna', name: 'Anna', role: 'coordinator', units: ['region'] });
  const doc = createDoc('indicator-catalog', { title: 'Katalog', ownerUnit: 'region', schemaVersion: kindDef('indicator-catalog').schemaVersion });
  insertRows(doc, [
    { id: 'vc-halsosamtal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal', direction: 'higher' },
    { id: 'vc-far-uppfoljda-6man', name: 'Andel FaR följda upp efter ca 6 månader', unitOfMeasure: 'procent', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher' },
  ]);
  // The record first: every store appends only to a document whose record is stored.
  await storage.putDocRecord({ workspace: WS, doc: 'katalog', kind: 'indicator-catalog', title: 'Katalog', ownerUnit: 'region', createdAt: at, updatedAt: at });
  await storage.appendUpdates({ workspace: WS, doc: 'katalog' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
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
    expect(lines[0]).toBe('Round 2026-kv-1 (2026 Q1, due 2026-04-15) defined: 1 indicator for every level, 1 indicator for level 1 only, activities reported.');
    const audit = await storage.listAudit(WS, 10);
    expect(audit.map((a) => a.action)).toContain('round-create');
  });

  it('says in words what is wrong: period, due date, indicator, taken id, workspace', async () => {
    const { storage, log } = await setup();
    const run = (flags: Parameters<typeof roundsCommand>[1]) => roundsCommand('define', { workspace: WS, ...flags }, storage, log);
    await expect(run({ period: '2026Q5', due: '2026-04-15' })).rejects.toThrow(/"2026Q5" is not a period/);
    await expect(run({ period: 'jan–apr 2026', due: '2026-04-15' })).rejects.toThrow(/"jan–apr 2026" is a range of months that is no quarter, half-year or year/);
    await expect(run({ period: '2026Q1', due: '15/4' })).rejects.toThrow(/--due "15\/4" names no year; write the last day to report with its year, e.g. --due 2026-04-15 or --due "15 april 2026"/);
    await expect(run({ period: '2026Q1', due: 'snart' })).rejects.toThrow(/--due "snart" is not a date/);
    await expect(run({ period: '2026Q1', due: '2026-04-15', indicator: ['Hälsosamtal genomförda'] })).rejects.toThrow(/no indicator "Hälsosamtal genomförda".*did you mean "Genomförda hälsosamtal"/);
    await expect(run({ period: '2026Q1', due: '2026-04-15' })).resolves.toBe(0);
    await expect(run({ period: '2026Q1', due: '2026-04-15' })).rejects.toThrow(RoundsUsageError);
    await expect(roundsCommand('define', { workspace: 'nope', period: '2026Q1', due: '2026-04-15' }, storage, log)).rejects.toThrow(/no workspace "nope"/);
    await expect(roundsCommand('remove', { workspace: WS }, storage, log)).rejects.toThrow(/use define, list, close or reopen/);
    // The id is made from the title: the sentence names the title, which is what was typed.
    await expect(run({ period: '2026Q2', due: '2026-07-15', title: 'Omgång 850101-1236' })).rejects.toThrow(/The round's title contains a personal identity number/);
  });

  it('reads a month’s first day as Swedes write it, and tells a day, a slashed date read two ways and a week as what they are', async () => {
    const { storage, log } = await setup();
    const run = (period: string, id?: string) => roundsCommand('define', { workspace: WS, period, due: '2026-10-15', ...(id ? { id } : {}) }, storage, log);
    await expect(run('1.7.2026', 'juli')).resolves.toBe(0);
    await expect(run(' Kv3  2026 ', 'kv3')).resolves.toBe(0);
    const rounds = (await new RoundsStore(storage).state(WS)).rounds;
    expect([rounds.get('juli')?.period, rounds.get('kv3')?.period]).toEqual(['202607', '2026Q3']);
    await expect(run('7/1/2026')).rejects.toThrow(/--period "7\/1\/2026": "7\/1\/2026" could be 2026-01-07 \(day first, as Swedes write it\) or 2026-07-01 \(month first, as in the United States\), and Samplan does not guess/);
    await expect(run('15 juli 2026')).rejects.toThrow(/--period "15 juli 2026": the date 2026-07-15 is not a period/);
    await expect(run('vecka 12')).rejects.toThrow(/--period "vecka 12": "vecka 12" is a week, which is no period of Samplan's/);
  });

  it('says of --due 2025-02-29 that 2025 is no leap year and which days would do, not only that it is no date, in Swedish and English', async () => {
    const { storage, log } = await setup();
    const refused = await roundsCommand('define', { workspace: WS, period: '2024 kv 4', due: '2025-02-29' }, storage, log).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RoundsUsageError);
    expect(refused).toMatchObject({
      sv: '--due "2025-02-29" finns inte: 2025 är inget skottår, så februari 2025 har 28 dagar. Skriv sista dagen att rapportera som en dag som finns, t.ex. --due 2025-02-28 eller --due 2025-03-01.',
      message: '--due "2025-02-29" does not exist: 2025 is no leap year, so February 2025 has 28 days. Write the last day to report as a day that exists, e.g. --due 2025-02-28 or --due 2025-03-01.',
    });
    expect((await new RoundsStore(storage).state(WS)).rounds.size).toBe(0);
  });

  it('reads --due as the sheet reads a date, and of "29 februari 2026" says why it is no day, as REST does', async () => {
    // It took ISO alone: "15 april 2026" and "29 februari 2026" were each only "is not a date".
    const { storage, log } = await setup();
    await expect(roundsCommand('define', { workspace: WS, period: '2026 kv 1', due: '15 april 2026' }, storage, log)).resolves.toBe(0);
    await expect(roundsCommand('define', { workspace: WS, period: '2026 kv 2', due: '15/7 2026' }, storage, log)).resolves.toBe(0);
    const rounds = (await new RoundsStore(storage).state(WS)).rounds;
    expect([rounds.get('2026-kv-1')?.dueDate, rounds.get('2026-kv-2')?.dueDate]).toEqual(['2026-04-15', '2026-07-15']);
    const refused = await roundsCommand('define', { workspace: WS, period: '2025 kv 4', due: '29 februari 2026' }, storage, log).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      sv: '--due "29 februari 2026" finns inte: 2026 är inget skottår, så februari 2026 har 28 dagar. Skriv sista dagen att rapportera som en dag som finns, t.ex. --due 2026-02-28 eller --due 2026-03-01.',
      message: '--due "29 februari 2026" does not exist: 2026 is no leap year, so February 2026 has 28 days. Write the last day to report as a day that exists, e.g. --due 2026-02-28 or --due 2026-03-01.',
    });
    // The reason is REST's own (`roundDefSchema`), word for word.
    const rest = roundDefSchema.safeParse({ id: 'x', title: 'X', period: '2025Q4', dueDate: '2026-02-29' });
    expect(JSON.stringify(rest.error?.issues)).toContain('2026 is no leap year, so February 2026 has 28 days');
    await expect(roundsCommand('define', { workspace: WS, period: '2026 kv 1', due: '31/4 2026' }, storage, log)).rejects.toThrow('--due "31/4 2026" does not exist: April 2026 has 30 days.');
  });

  it('refuses a due date that has the shape but no day in the calendar, and still lists a round stored with one before', async () => {
    const { storage, lines, log } = await setup();
    for (const due of ['2026-13-45', '2026-00-10', '2026-04-32']) {
      await expect(roundsCommand('define', { workspace: WS, period: '2026Q1', due }, storage, log)).rejects.toThrow(`--due "${due}" is not a date`);
    }
    // A day its month lacks that year is said so, why, and what would do.
    await expect(roundsCommand('define', { workspace: WS, period: '2026Q1', due: '2026-04-31' }, storage, log)).rejects.toThrow(
      '--due "2026-04-31" does not exist: April 2026 has 30 days. Write the last day to report as a day that exists, e.g. --due 2026-04-30 or --due 2026-05-01.',
    );
    await expect(roundsCommand('define', { workspace: WS, period: '2026Q1', due: '2026-02-30' }, storage, log)).rejects.toThrow('--due "2026-02-30" does not exist: February 2026 has 28 days.');
    await expect(roundsCommand('define', { workspace: WS, period: '2024 januari', due: '2024-02-29' }, storage, log)).resolves.toBe(0);
    // Written as an older Samplan did, without the check: kept and listed, not dropped.
    const service = new RoundsService(new RoundsStore(storage), storage, () => new Date(at));
    await service.create({ workspace: WS, memberId: 'admin', role: 'admin', units: [] }, { id: 'gammal', title: 'Gammal', period: '2025Q1', dueDate: '2025-04-31', indicators: [], activities: true, units: [] });
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.filter((l) => l.startsWith('gammal\t'))).toEqual(['gammal\t2025 Q1\tdue 2025-04-31\tGammal']);
  });

  it('asks for --interim before it defines a round due inside its period, in Swedish and English, storing nothing until then', async () => {
    const { storage, lines, log } = await setup();
    const define = (flags: Partial<Parameters<typeof roundsCommand>[1]>, lang: 'sv' | 'en' = 'en') =>
      roundsCommand('define', { workspace: WS, period: '2025 kv 4', due: '2025-11-15', ...flags }, storage, log, () => new Date(at), false, lang);
    await expect(define({})).rejects.toMatchObject({
      sv: 'Sista dagen 2025-11-15 ligger inom perioden 2025 kv 4, som slutar 2025-12-31: enheterna skulle rapportera innan perioden är slut. Är omgången en delavstämning, bekräfta det; annars välj en dag efter 2025-12-31. Lägg till --interim för att lägga upp den som delavstämning.',
      message:
        'The due date 2025-11-15 is inside the period 2025 Q4, which ends 2025-12-31: the units would report before the period ends. If the round is an interim follow-up, confirm it; otherwise choose a day after 2025-12-31. Add --interim to define it as an interim round.',
    });
    await expect(define({})).rejects.toBeInstanceOf(RoundsUsageError);
    expect((await new RoundsStore(storage).state(WS)).rounds.size).toBe(0);
    await expect(define({ interim: true, title: 'Avstämning 2025 kv 4' }, 'sv')).resolves.toBe(0);
    expect(lines.at(-1)).toBe('Omgången avstamning-2025-kv-4 (2025 kv 4, sista dag 2025-11-15, delavstämning) lades upp: 0 indikatorer för alla nivåer, aktiviteter rapporteras.');
    expect((await new RoundsStore(storage).state(WS)).rounds.get('avstamning-2025-kv-4')).toMatchObject({ period: '2025Q4', dueDate: '2025-11-15', interim: true });
    // Listed as interim, so it is not taken for the quarter's final round.
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.at(-1)).toBe('avstamning-2025-kv-4\t2025 Q4\tdue 2025-11-15\tAvstämning 2025 kv 4\tinterim');
  });

  it('refuses --interim on a round due after its period, in words, storing nothing: it is no delavstämning', async () => {
    const { storage, log } = await setup();
    const define = roundsCommand('define', { workspace: WS, period: '2025 kv 4', due: '2026-01-20', interim: true }, storage, log, () => new Date(at), false, 'sv');
    await expect(define).rejects.toMatchObject({
      sv: 'Sista dagen 2026-01-20 ligger efter perioden 2025 kv 4, som slutar 2025-12-31: omgången följer upp hela perioden och är ingen delavstämning. Lägg upp den utan att bekräfta delavstämning, eller välj en dag inom perioden. Ta bort --interim.',
    });
    await expect(define).rejects.toBeInstanceOf(RoundsUsageError);
    expect((await new RoundsStore(storage).state(WS)).rounds.size).toBe(0);
  });

  it('lists the rounds with their period in words', async () => {
    const { storage, lines, log } = await setup();
    await roundsCommand('define', { workspace: WS, period: '2026', due: '2027-01-31', title: 'Helår 2026', 'no-activities': true, indicator: ['vc-halsosamtal'] }, storage, log);
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.at(-1)).toBe('helar-2026\t2026\tdue 2027-01-31\tHelår 2026');
  });
});

describe('samplan rounds --member', () => {
  it('records the member named, and refuses one the workspace does not have before anything is stored', async () => {
    const { storage, log } = await setup();
    const define = (member: string, period: string) => roundsCommand('define', { workspace: WS, period, due: '2026-04-15', member }, storage, log);
    await expect(define('nobody', '2026 kv 1')).rejects.toThrow(
      new RoundsUsageError({
        sv: `Det finns ingen medlem "nobody" i ${WS}; samplan member list --workspace ${WS} visar dem.`,
        en: `There is no member "nobody" in ${WS}; samplan member list --workspace ${WS} lists them.`,
      }),
    );
    expect((await new RoundsStore(storage).state(WS)).rounds.size).toBe(0);
    // Member ids are kept lower-cased: Anna is anna.
    await expect(define(' Anna ', '2026 kv 1')).resolves.toBe(0);
    expect((await storage.listAudit(WS, 10)).find((a) => a.action === 'round-create')?.memberId).toBe('anna');
    for (const sub of ['close', 'reopen'] as const) {
      await expect(roundsCommand(sub, { workspace: WS, round: '2026-kv-1', member: 'nobody' }, storage, log)).rejects.toThrow(/^There is no member "nobody" in hbi;/);
    }
    expect((await new RoundsStore(storage).state(WS)).closures.size).toBe(0);
  });
});

describe('samplan rounds --member: the role', () => {
  it('refuses a member whose role may not define, close or reopen rounds, naming the member and the roles needed, in both languages, before anything is stored', async () => {
    const { storage, log } = await setup();
    await storage.putMember({ workspace: WS, id: 'nina', name: 'Nina', role: 'editor', units: ['vc-a'] });
    await storage.putMember({ workspace: WS, id: 'olle', name: 'Olle', role: 'viewer', units: [] });
    const refusal = (member: string, role: { sv: string; en: string }) =>
      new RoundsUsageError({
        sv: `Medlemmen "${member}" i ${WS} är ${role.sv}: att lägga upp, stänga och öppna omgångar kräver rollen samordnare eller administratör. Ge --member en sådan medlem, eller lämna bort --member.`,
        en: `The member "${member}" of ${WS} is ${role.en}: defining, closing and reopening rounds takes the role coordinator or administrator. Give --member such a member, or leave --member out.`,
      });
    const define = roundsCommand('define', { workspace: WS, period: '2026 kv 1', due: '2026-04-15', member: 'Nina' }, storage, log);
    const refused = await define.then(() => null, (e: unknown) => e as RoundsUsageError);
    expect(refused).toEqual(refusal('Nina', { sv: 'redigerare', en: 'an editor' }));
    expect(refused?.sv).toBe(refusal('Nina', { sv: 'redigerare', en: 'an editor' }).sv);
    expect(refused?.argument).toBe(false);
    expect((await new RoundsStore(storage).state(WS)).rounds.size).toBe(0);
    await roundsCommand('define', { workspace: WS, period: '2026 kv 1', due: '2026-04-15', member: 'anna' }, storage, log);
    for (const sub of ['close', 'reopen'] as const) {
      const e = await roundsCommand(sub, { workspace: WS, round: '2026-kv-1', member: 'olle' }, storage, log).then(() => null, (err: unknown) => err as RoundsUsageError);
      expect(e?.message).toBe(refusal('olle', { sv: 'läsare', en: 'a viewer' }).message);
      expect(e?.sv).toBe(refusal('olle', { sv: 'läsare', en: 'a viewer' }).sv);
    }
    expect((await new RoundsStore(storage).state(WS)).closures.size).toBe(0);
    expect((await storage.listAudit(WS, 20)).filter((a) => a.action.startsWith('round-')).map((a) => a.memberId)).toEqual(['anna']);
  });
});

describe('samplan rounds close and reopen', () => {
  it('closes and reopens a round as the API does, with the reason in its history and the audit, and lists it closed', async () => {
    const { storage, lines, log } = await setup();
    const clock = () => new Date(at);
    await roundsCommand('define', { workspace: WS, period: '2025 kv 4', due: '2026-01-10' }, storage, log);
    expect(await roundsCommand('close', { workspace: WS, round: '2025-kv-4', reason: 'Styrgruppen beslutade 18/7', member: 'anna' }, storage, log, clock)).toBe(0);
    expect(lines.at(-1)).toBe('Round 2025 Q4 closed: no unit can submit or change its figures in it until it is reopened. Reason kept in its history: Styrgruppen beslutade 18/7');
    const closure = (await new RoundsStore(storage).state(WS)).closures.get('2025-kv-4');
    expect(closure).toMatchObject({ closed: true, by: 'anna', reason: 'Styrgruppen beslutade 18/7', history: [{ action: 'close', by: 'anna', reason: 'Styrgruppen beslutade 18/7' }] });
    await roundsCommand('list', { workspace: WS }, storage, log);
    expect(lines.at(-1)).toBe(`2025-kv-4\t2025 Q4\tdue 2026-01-10\t2025 kv 4\tclosed ${at}`);
    // The same refusals as the API, in its English words.
    await expect(roundsCommand('close', { workspace: WS, round: '2025-kv-4' }, storage, log, clock)).rejects.toThrow(/is closed already|already closed/);
    await expect(roundsCommand('close', { workspace: WS, round: 'nope' }, storage, log, clock)).rejects.toThrow(RoundsUsageError);
    expect(await roundsCommand('reopen', { workspace: WS, round: '2025-kv-4' }, storage, log, clock)).toBe(0);
    expect(lines.at(-1)).toBe('Round 2025 Q4 reopened: the units can submit and change their figures in it again.');
    const audit = (await storage.listAudit(WS, 20)).filter((a) => a.action.startsWith('round-')).map((a) => `${a.action} ${a.memberId} ${a.detail}`);
    expect(audit).toEqual(expect.arrayContaining(['round-close anna round=2025-kv-4 reason=given', 'round-reopen-closed samplan-cli round=2025-kv-4']));
  });

  it('says what is missing or wrong before anything is stored: the round, the workspace, a personnummer in the reason', async () => {
    const { storage, log } = await setup();
    await roundsCommand('define', { workspace: WS, period: '2025 kv 4', due: '2026-01-10' }, storage, log);
    await expect(roundsCommand('close', { workspace: WS }, storage, log)).rejects.toThrow('Missing the round to close: samplan rounds close <round> --workspace WS');
    await expect(roundsCommand('reopen', { round: '2025-kv-4' }, storage, log)).rejects.toThrow('Missing --workspace WS.');
    await expect(roundsCommand('close', { workspace: WS, round: '2025-kv-4', reason: 'Se 19850101-1236' }, storage, log)).rejects.toThrow(/personal identity number/);
    await expect(roundsCommand('close', { workspace: WS, round: '2025-kv-4', reason: 'a\u202eb' }, storage, log)).rejects.toThrow(/--reason .*U\+202E/);
    expect((await new RoundsStore(storage).state(WS)).closures.size).toBe(0);
  });
});
