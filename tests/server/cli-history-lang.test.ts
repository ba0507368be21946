/**
 * `samplan history scan` and `history drop` speak the CLI's language (`messageLang`): every line
 * was English whatever `--lang` or the locale said, the places too (`update 2`, `snapshot`), and a
 * refusal of a document that is not there, or of arguments that do not go together.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import type { Flags } from '../../server/cli-args.js';
import { sentenceOf } from '../../server/cli-lang.js';
import { findingLines, rebuiltDetailSv, rebuiltHeadLine, resultLine } from '../../server/history-lines.js';
import { rebuiltDetail } from '../../server/storage/postgres-head.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/storage.js';
import { withLocale } from './cli-capture.js';

const WS = 'ws';
const AT = '2026-02-01T08:00:00.000Z';
const plan = { workspace: WS, doc: 'plan' };

/** Words of an English sentence that no Swedish line of these commands holds. */
const ENGLISH = /\b(the|its|of|is|was|nothing|would|stored|holds?|remove|rows)\b/;

/** A store whose `plan` had a personnummer in its title, written over, and whose 3rd update does not decode. */
async function seeded(): Promise<Storage> {
  const store = createMemoryStorage();
  await store.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
  await store.putDocRecord({ ...plan, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Eva 850101-1236');
  await store.appendUpdates(plan, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set('title', 'Plan');
  await store.appendUpdates(plan, [{ update: Y.encodeStateAsUpdate(doc, before), memberId: null }]);
  return store;
}

/** `samplan history <sub> <args>` with `flags`: exit code and every line, stdout then stderr. */
async function history(store: Storage, sub: string, args: string[], flags: Flags = {}): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await historyCommand(sub, args, flags, (fn) => fn(store), (l) => lines.push(l), (l) => lines.push(l));
  expect(lines.join('\n')).not.toMatch(/850101|1236/);
  return { code, lines };
}

describe('samplan history in the CLI’s language', () => {
  it('scans and drops in Swedish under a locale that is neither, naming places in Swedish; in English with --lang en', async () => {
    const sv = await withLocale({ LANG: 'C.UTF-8' }, async () => {
      const store = await seeded();
      return [await history(store, 'scan', [WS]), await history(store, 'drop', [`${WS}/plan`], { 'dry-run': true }), await history(store, 'drop', [`${WS}/plan`]), await history(store, 'scan', [WS])];
    });
    expect(sv.map((r) => r.code)).toEqual([2, 0, 0, 0]);
    const all = sv.flatMap((r) => r.lines);
    expect(all.join('\n')).toMatch(/ws\/plan: ett personnummer i dess sparade historik vid uppdatering 1 /);
    expect(all.join('\n')).toMatch(/skulle ta bort 2 uppdateringar/);
    expect(all.join('\n')).toMatch(/Ett personnummer fanns vid uppdatering 1\./);
    for (const line of all) expect(line, line).not.toMatch(ENGLISH);
    const en = await history(await seeded(), 'scan', [WS], { lang: 'en' });
    expect(en.lines.join('\n')).toMatch(/a personnummer in its stored history at update 1 /);
    const svGiven = await withLocale({ LANG: 'en_GB.UTF-8' }, async () => history(await seeded(), 'scan', [WS], { lang: 'sv' }));
    expect(svGiven.lines).toEqual(sv[0]?.lines);
  });

  it('names a part that does not decode and refuses what is not there in Swedish', async () => {
    const store = await seeded();
    await store.appendUpdates(plan, [{ update: new Uint8Array([0xff, 0xff, 0xff]), memberId: null }]);
    const scan = await history(store, 'scan', [`${WS}/plan`], { lang: 'sv' });
    expect(scan.lines.join('\n')).toMatch(/ws\/plan: uppdatering 3, sparad .*, går inte att avkoda \(Yjs sa: .*\); dess sparade historik är skadad där/);
    expect(scan.lines.join('\n')).toMatch(/^1 av 1 dokument har sparad historik som inte går att avkoda hel\.$/m);
    const missing = await history(store, 'drop', [`${WS}/nope`], { lang: 'sv' }).catch((err: unknown) => err);
    expect(sentenceOf(missing, 'sv')).toBe('Det finns inget dokument "ws/nope" i den här databasen: ingen post och inget sparat under det id:t (samplan history scan ws visar vad den har).');
    const mixed = await history(store, 'drop', [`${WS}/plan`], { lang: 'sv', vacuum: true, 'dry-run': true }).catch((err: unknown) => err);
    expect(sentenceOf(mixed, 'sv')).toBe('--vacuum skriver om tabeller och --dry-run skriver inget: ge en av dem.');
  });

  it('says a rebuilt head in Swedish, every form of its audit detail', () => {
    expect(rebuiltDetailSv(rebuiltDetail({ head: 7, base: 4, fromCheckpoint: false, missing: 0 }))).toBe('sekvensräknaren återskapad till 7 från ögonblicksbilden vid 4 och uppdateringarna 5–7');
    expect(rebuiltDetailSv(rebuiltDetail({ head: 5, base: 4, fromCheckpoint: true, missing: 1, was: 3 }))).toBe(
      'sekvensräknaren återskapad till 5 (den stod på 3) från kontrollpunkten vid 4, sparad som ögonblicksbilden och uppdatering 5; 1 av dem inte sparade',
    );
    expect(rebuiltDetailSv(rebuiltDetail({ head: 0, base: 0, fromCheckpoint: false, missing: 0 }))).toBe('sekvensräknaren återskapad till 0 från ingen ögonblicksbild');
  });

  it('calls a head the sequence counter in Swedish (sekvensräknare), a word a coordinator can place, never huvud', () => {
    // A document's head is the stored record of its last sequence number; "huvud" told a reader nothing.
    const how = rebuiltDetail({ head: 7, base: 4, fromCheckpoint: false, missing: 0 });
    const finding = { ref: plan, damaged: [], places: ['uppdatering 2'], deleted: ['uppdatering 2'], live: [], livePaths: [], unnumbered: true };
    const lines = [
      ...findingLines(finding, '', 'sv'),
      resultLine({ kind: 'unnumbered', ref: plan, dryRun: true, updates: 2, flagged: [] }, 'sv'),
      resultLine({ kind: 'unnumbered', ref: plan, dryRun: false, updates: 1, flagged: ['uppdatering 1'] }, 'sv'),
      rebuiltHeadLine(plan, how, 'scan', 'sv'),
      rebuiltHeadLine(null, rebuiltDetail({ head: 5, base: 4, fromCheckpoint: false, missing: 0, was: 3 }), 'drop', 'sv'),
    ];
    for (const line of lines) {
      expect(line).not.toMatch(/huvud/i);
      expect(line).toMatch(/sekvensräknare/);
    }
    // The English keeps its word.
    expect(rebuiltHeadLine(plan, how, 'scan', 'en')).toMatch(/had no head \(no last sequence number\)/);
    expect(findingLines(finding, '', 'en')[0]).toMatch(/\(the document has no head: /);
  });
});
