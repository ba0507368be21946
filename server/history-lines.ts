/**
 * The lines `samplan history scan` and `samplan history drop` print, in the CLI's language
 * (`cli-lang.ts`): each a `Localized` pair, or a string in the `lang` it is asked in. The places
 * the scan names (`update 12`, `snapshot`, `checkpoint 40`, `take-back 2`, `history-scan.ts`) are
 * kept in English as data and said in words here ({@link placeWords}); paths in a document
 * (`rows/<id>/title`) and commands are names, the same in both languages. Never the number found.
 */
import { quoted } from './cli-args.js';
import type { CliLang } from './cli-lang.js';
import { placeWords } from './history-places.js';
import type { DropResult } from './history-drop.js';
import type { HistoryFinding, UndecodablePart } from './history-scan.js';
import { damagedPlaceWords } from '../shared/protocol/damaged-history.js';
import type { Localized } from '../shared/schema/types.js';
import type { DocRef } from './storage/storage.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { numberText } from '../shared/i18n/number-words.js';

/** What a workspace or document id holding a personnummer (a store written past the guard) is shown with, as `samplan migrate` shows it. */
export const MASK = '[personnummer]';

/** `<workspace>/<doc>` as printed: a personnummer in either masked. */
export function nameOf(ref: DocRef): string {
  return redactPersonnummer(`${ref.workspace}/${ref.doc}`, MASK);
}

/** `n` and its noun in the one or the many form. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `places` in `lang`, joined by commas. */
export const placesIn = (places: readonly string[], lang: CliLang): string => places.map((p) => placeWords(p, lang)).join(', ');

/**
 * The command that removes what was found in `ref`'s history, with the store's option as given;
 * for an id that cannot be printed (it holds a personnummer) the one that finds it by the scan
 * (`--all-flagged`, of its workspace when that can be printed).
 */
export function dropLine(ref: DocRef, where: string): string {
  if (nameOf(ref) === `${ref.workspace}/${ref.doc}`) return `samplan history drop ${ref.workspace}/${ref.doc}${where}`;
  const ws = redactPersonnummer(ref.workspace, MASK) === ref.workspace ? ` ${ref.workspace}` : '';
  return `samplan history drop --all-flagged${ws}${where}`;
}

/**
 * One finding as lines in `lang`: where deleted text kept by history holds a personnummer, with
 * the command that removes it; and where the live state holds one (its paths, and the places
 * storing it), which a drop keeps and refuses: that text is changed in the document. Never the number.
 */
export function findingLines(f: HistoryFinding, where: string, lang: CliLang): string[] {
  const name = nameOf(f.ref);
  const drop = dropLine(f.ref, where);
  if (f.unnumbered) {
    return [
      {
        sv: `${name}: ett personnummer i dess sparade uppdateringar vid ${placesIn(f.places, 'sv')}, som inget sista sekvensnummer räknar (dokumentet saknar sekvensräknare: kvar efter en krasch mellan två skrivningar, eller från en äldre Samplan); ingen server kan spara en ändring av det så länge de finns kvar. Ta bort dem med ${drop}`,
        en: `${name}: a personnummer in its stored updates at ${f.places.join(', ')}, which no last sequence number counts (the document has no head: left by a crash between two writes, or by an older Samplan); no server can store an edit of it while they stay. Remove them with ${drop}`,
      }[lang],
    ];
  }
  const lines: string[] = [];
  if (f.deleted.length > 0) {
    lines.push(
      {
        sv: `${name}: ett personnummer i dess sparade historik vid ${placesIn(f.deleted, 'sv')} (borttagen text som historiken behåller; det nuvarande innehållet kontrolleras för sig); ta bort det med ${drop}`,
        en: `${name}: a personnummer in its stored history at ${f.deleted.join(', ')} (deleted text kept by history; the live state is checked apart); remove it with ${drop}`,
      }[lang],
    );
  }
  if (f.live.length > 0) {
    const paths = f.livePaths.length > 0 ? f.livePaths.join(', ') : '';
    lines.push(
      {
        sv: `${name}: ett personnummer i dess nuvarande innehåll${paths ? ` vid ${paths}` : ''} (sparat vid ${placesIn(f.live, 'sv')}): det är inte borttagen text, och samplan history drop vägrar så länge dokumentet har det. Ändra den texten i dokumentet (på en server) och sök sedan igen.`,
        en: `${name}: a personnummer in its live state${paths ? ` at ${paths}` : ''} (stored at ${f.live.join(', ')}): it is not deleted text, and samplan history drop refuses while the document holds it. Change that text in the document (on a server), then scan again.`,
      }[lang],
    );
  }
  return lines;
}

/**
 * One damaged stored part of `ref`'s history as a line in `lang`: the document, the place and when
 * it was stored, what Yjs said (or how many bytes are left over after the update it decodes), and what to do.
 */
export function undecodableLine(ref: DocRef, part: UndecodablePart, lang: CliLang): string {
  const place = damagedPlaceWords(part.place);
  const n = part.trailing ?? 0;
  const sv = part.trailing
    ? `går att avkoda men har ${n} byte kvar efter sig (ingen Samplan-server sparar sådana byte; Yjs bortser från dem)`
    : `går inte att avkoda (Yjs sa: ${part.said})`;
  const en = part.trailing
    ? `decodes with ${n} byte${n === 1 ? '' : 's'} left over after it (no Samplan server stores such bytes; Yjs ignores them)`
    : `does not decode (Yjs said: ${part.said})`;
  const storedSv = part.at ? `, sparad ${part.at},` : '';
  const storedEn = part.at ? `, stored ${part.at},` : '';
  return {
    sv: `${nameOf(ref)}: ${place.sv}${storedSv} ${sv}; dess sparade historik är skadad där. Dess byte lästes ändå efter personnummer. Återställ databasen från en säkerhetskopia (en fil som samplan backup gjort).`,
    en: `${nameOf(ref)}: ${place.en}${storedEn} ${en}; its stored history is damaged there. Its bytes were still read for a personnummer. Restore the database from a backup (a file samplan backup made).`,
  }[lang];
}

/** The sentence for a document of which the store holds neither a record nor history. */
export function notThereWords(ref: DocRef): Localized {
  const ws = redactPersonnummer(ref.workspace, MASK);
  const name = quoted(nameOf(ref));
  return {
    sv: `Det finns inget dokument ${name} i den här databasen: ingen post och inget sparat under det id:t (samplan history scan ${ws} visar vad den har).`,
    en: `There is no document ${name} in this database: no record and nothing stored under that id (samplan history scan ${ws} lists what it holds).`,
  };
}

/**
 * The closing lines of a scan in `lang`: how many of `docs` documents have damaged history
 * (`damaged`) or hold a personnummer (`holding`), how many keys no document has hold one
 * (`keyless`), how many record fields of `workspaces` do (`records`); a count of 0 gives no line.
 */
export function scanCountLines(c: { docs: number; damaged: number; holding: number; keyless: number; records: number; workspaces: number }, lang: CliLang): string[] {
  const lines: Localized[] = [];
  if (c.damaged > 0) {
    lines.push({
      sv: `${numberText(c.damaged, 'sv')} av ${numberText(c.docs, 'sv')} dokument har sparad historik som inte går att avkoda hel.`,
      en: `${numberText(c.damaged, 'en')} of ${numberText(c.docs, 'en')} document${c.docs === 1 ? ' has' : 's have'} stored history that does not decode whole.`,
    });
  }
  if (c.holding > 0) lines.push({ sv: `${numberText(c.holding, 'sv')} av ${numberText(c.docs, 'sv')} dokument har ett personnummer i sin sparade historik.`, en: `${numberText(c.holding, 'en')} of ${numberText(c.docs, 'en')} documents hold a personnummer in their stored history.` });
  if (c.keyless > 0) {
    lines.push({
      sv: `${plural(c.keyless, 'nyckel', 'nycklar')} som inget dokument har, har ett personnummer i uppdateringsrader.`,
      en: `${plural(c.keyless, 'key')} no document has hold${c.keyless === 1 ? 's' : ''} a personnummer in update rows.`,
    });
  }
  if (c.records > 0) {
    lines.push({
      sv: `${plural(c.records, 'postfält', 'postfält')} i ${plural(c.workspaces, 'arbetsyta', 'arbetsytor')} har ett personnummer.`,
      en: `${plural(c.records, 'record field')} of ${plural(c.workspaces, 'workspace')} hold${c.records === 1 ? 's' : ''} a personnummer.`,
    });
  }
  return lines.map((l) => l[lang]);
}

/** The line of a scan that found no personnummer in `docs` documents. */
export function cleanScanWords(docs: number): Localized {
  return { sv: `Inget personnummer i den sparade historiken för ${numberText(docs, 'sv')} dokument.`, en: `No personnummer in the stored history of ${numberText(docs, 'en')} document${docs === 1 ? '' : 's'}.` };
}

/** What no drop reaches, said after one on PostgreSQL. */
const BACKUPS: Localized = {
  sv: 'Säkerhetskopior, dumpar och WAL-arkiv gjorda före borttagningen har dem fortfarande.',
  en: 'Backups, dumps and WAL archives made before the drop still hold them.',
};

/** What a drop on PostgreSQL leaves in the table files, with `vacuum` the statement that removes it; after a `--vacuum` (`done`), that it ran. */
export function vacuumWords(vacuum: string, done: boolean): Localized {
  return done
    ? { sv: `Tabellerna skrevs om (${vacuum}): de borttagna bytena finns inte längre i deras filer. ${BACKUPS.sv}`, en: `Tables rewritten (${vacuum}): the dropped bytes are no longer in their files. ${BACKUPS.en}` }
    : {
        sv: `På PostgreSQL finns de borttagna bytena kvar i tabellfilerna: borttagna rader ligger kvar på disken tills deras tabeller skrivs om. Kör ${vacuum}; i psql (eller ge borttagningen --vacuum) för att ta bort dem; det låser tabellerna medan det körs, så en servers ändringar väntar. ${BACKUPS.sv}`,
        en: `On PostgreSQL the dropped bytes are still in the table files: deleted rows stay on disk until their tables are rewritten. Run ${vacuum}; in psql (or give the drop --vacuum) to remove them; it locks those tables while it runs, so a server's edits wait. ${BACKUPS.en}`,
      };
}

/** The line of `drop --all-flagged` that found nothing to drop. */
export const NOTHING_FLAGGED: Localized = {
  sv: 'Inget dokument har ett personnummer i sin sparade historik; inget att ta bort.',
  en: 'No document holds a personnummer in its stored history; nothing to drop.',
};

/** What a drop did, in one sentence (two with values written again) for the operator, in `lang`. */
export function resultLine(r: DropResult, lang: CliLang): string {
  const name = nameOf(r.ref);
  const sv = lang === 'sv';
  if (r.kind === 'nothing') {
    return sv ? `${name}: inget av dess historik är sparat (det har aldrig ändrats); inget att ta bort.` : `${name}: nothing is stored of its history (it was never edited); nothing to drop.`;
  }
  if (r.kind === 'unnumbered') {
    const held = r.flagged.length === 0 ? (sv ? ' De hade inget personnummer.' : ' They held no personnummer.') : sv ? ` Ett personnummer fanns vid ${placesIn(r.flagged, 'sv')}.` : ` A personnummer was held at ${r.flagged.join(', ')}.`;
    if (sv) {
      const what = `${plural(r.updates, 'sparad uppdatering', 'sparade uppdateringar')} som inget sista sekvensnummer räknar (dokumentet saknar sekvensräknare)`;
      return r.dryRun ? `${name}: skulle ta bort ${what} (provkörning, inget skrevs).${held}` : `${name}: tog bort ${what}.${held}`;
    }
    const what = `${plural(r.updates, 'stored update')} no last sequence number counts (the document has no head)`;
    return r.dryRun ? `${name}: would drop ${what} (dry run, nothing written).${held}` : `${name}: dropped ${what}.${held}`;
  }
  if (r.kind === 'refused') {
    return sv
      ? `${name}: dess nuvarande innehåll har text som spärren vägrar vid ${placesIn(r.places, 'sv')}; inget togs bort. Ändra texten på det stället (på en server, i dokumentet) och ta sedan bort igen.`
      : `${name}: its live state holds text the guard refuses at ${r.places.join(', ')}; nothing was dropped. Change the text at that place (on a server, in the document), then drop again.`;
  }
  const { updates, checkpoints, takeBacks, snapshot } = r.removed;
  const gone = sv
    ? [plural(updates, 'uppdatering', 'uppdateringar'), plural(checkpoints, 'kontrollpunkt', 'kontrollpunkter'), ...(snapshot ? ['ögonblicksbilden'] : []), plural(takeBacks, 'tillbakatagning', 'tillbakatagningar')].join(', ')
    : [plural(updates, 'update'), plural(checkpoints, 'checkpoint'), ...(snapshot ? ['the snapshot'] : []), plural(takeBacks, 'take-back')].join(', ');
  const held = r.flagged.length === 0 ? (sv ? ' Historiken hade inget personnummer.' : ' The history held no personnummer.') : sv ? ` Ett personnummer fanns vid ${placesIn(r.flagged, 'sv')}.` : ` A personnummer was held at ${r.flagged.join(', ')}.`;
  const head = r.headRebuilt ? ` ${rebuiltHeadLine(null, r.headRebuilt, r.kind === 'dropped' ? 'drop' : 'dry run', lang)}` : '';
  const rewritten = rewrittenLine(r, r.kind === 'dropped', lang);
  if (sv) {
    return r.kind === 'dropped'
      ? `${name}: historiken togs bort (${gone}); det nuvarande innehållet vid uppdatering ${r.seq} är dess enda ögonblicksbild, nästa ändring blir uppdatering ${r.seq + 1}.${rewritten}${held}${head}`
      : `${name}: skulle ta bort ${gone} och behålla det nuvarande innehållet vid uppdatering ${r.seq} som dess enda ögonblicksbild (provkörning, inget ${r.headRebuilt ? 'annat ' : ''}skrevs).${rewritten}${held}${head}`;
  }
  return r.kind === 'dropped'
    ? `${name}: history dropped (${gone}); the live state at update ${r.seq} is its only snapshot, the next edit is update ${r.seq + 1}.${rewritten}${held}${head}`
    : `${name}: would drop ${gone}, keeping the live state at update ${r.seq} as its only snapshot (dry run, nothing ${r.headRebuilt ? 'else ' : ''}written).${rewritten}${held}${head}`;
}

/**
 * That `ref`'s stored rows had no head, or one below them, and `by`'s load wrote one
 * (`StoredDoc.headRebuilt`'s words in `how`, `rebuiltDetail`); led by the document's name when given.
 */
export function rebuiltHeadLine(ref: DocRef | null, how: string, by: 'scan' | 'drop' | 'dry run', lang: CliLang): string {
  // The words of a head raised, not written anew, say where it stood (`rebuiltDetail`).
  const raised = how.includes(' (it stood at ');
  if (lang === 'sv') {
    const rows = ref ? `${nameOf(ref)}: dess sparade rader` : 'Dess sparade rader';
    const who = { scan: 'sökningen', drop: 'borttagningen', 'dry run': 'provkörningen' }[by];
    const kept = by === 'scan' ? 'så att det laddas helt och tar emot ändringar' : 'så att resten av dokumentet behölls';
    return `${rows} hade ${raised ? 'en sekvensräknare under sitt högsta sekvensnummer' : 'ingen sekvensräknare (inget sista sekvensnummer)'}: ${who} skrev en först (${rebuiltDetailSv(how)}), som en servers laddning gör, ${kept}.`;
  }
  const rows = ref ? `${nameOf(ref)}: its stored rows` : 'Its stored rows';
  const kept = by === 'scan' ? 'so it loads whole and takes edits' : 'so the rest of the document was kept';
  return `${rows} had ${raised ? 'a head below their newest sequence number' : 'no head (no last sequence number)'}: the ${by} wrote one first (${how}), as a server's load does, ${kept}.`;
}

/**
 * The Swedish of a rebuilt head's audit detail (`rebuiltDetail`, `postgres-head.ts`: `head 7 rebuilt
 * from the snapshot at 4 and updates 5–7`); the detail as it is when it has another form.
 */
export function rebuiltDetailSv(how: string): string {
  const m = /^head (\d+)( \(it stood at (\d+)\))? rebuilt from (no snapshot|the checkpoint at (\d+), stored as the snapshot|the snapshot at (\d+))( and update (\d+)| and updates (\d+)–(\d+))?(; (\d+) of them not stored)?$/.exec(how);
  if (!m) return how;
  const from = m[4] === 'no snapshot' ? 'ingen ögonblicksbild' : m[5] !== undefined ? `kontrollpunkten vid ${m[5]}, sparad som ögonblicksbilden` : `ögonblicksbilden vid ${m[6]}`;
  const after = m[8] !== undefined ? ` och uppdatering ${m[8]}` : m[9] !== undefined ? ` och uppdateringarna ${m[9]}–${m[10]}` : '';
  const gap = m[12] !== undefined ? `; ${m[12]} av dem inte sparade` : '';
  const was = m[3] !== undefined ? ` (den stod på ${m[3]})` : '';
  return `sekvensräknaren återskapad till ${m[1]}${was} från ${from}${after}${gap}`;
}

/** The sentence on values that lost to a taken-back change and that the drop writes again (`DropResult.rewritten`); '' when none. */
function rewrittenLine(r: { rewritten: number; record: boolean }, done: boolean, lang: CliLang): string {
  if (r.rewritten === 0) return '';
  if (lang === 'sv') {
    const verb = done ? 'skrevs' : 'skulle skrivas';
    const asked = r.record
      ? 'de skrivningar en servers nästa laddning skulle göra (varje författares rättigheter som de är nu)'
      : 'vart och ett som dess författare lämnade det (dokumentet har ingen post, så bara om varje författare fortfarande är medlem frågades; en borttagen medlems värde behålls inte)';
    return ` ${plural(r.rewritten, 'värde', 'värden')} som förlorade mot en tillbakatagen ändring ${verb} in i det igen, ${asked}.`;
  }
  const verb = done ? (r.rewritten === 1 ? 'was' : 'were') : 'would be';
  const asked = r.record
    ? "the writes a server's next load would make (each author's rights asked as they are now)"
    : "each as its author left it (the document has no record, so only whether each author is still a member was asked; a removed member's value is not kept)";
  return ` ${plural(r.rewritten, 'value')} that lost to a taken-back change ${verb} written again into it, ${asked}.`;
}
