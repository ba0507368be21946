/**
 * A document whose stored history does not decode on the server, as the server names it and the
 * pane says it: the place (the snapshot, or the update or checkpoint by its sequence number, as
 * `samplan history scan` names places) in words, and the sync socket's close reason that carries
 * it. A WebSocket close reason holds at most 123 bytes and is English by custom, so the socket
 * sends the place in a short fixed form ({@link damagedCloseReason}) and the pane reads it back
 * ({@link damagedPlaceOf}) to say the whole sentence in the reader's language.
 */
import type { Localized } from '../schema/types.js';
import { digits } from '../i18n/number-words.js';

/** Where a stored history did not decode: its snapshot, the update of sequence number `seq`, or the checkpoint kept at `seq`. */
export type DamagedPlace = { kind: 'snapshot' } | { kind: 'update' | 'checkpoint'; seq: number };

/** The place in words: `uppdatering 7` / `update 7`, `den sparade ögonblicksbilden` / `its snapshot`. */
export function damagedPlaceWords(place: DamagedPlace): Localized {
  if (place.kind === 'snapshot') return { sv: 'den sparade ögonblicksbilden', en: 'its snapshot' };
  if (place.kind === 'update') return { sv: `uppdatering ${digits(place.seq)}`, en: `update ${digits(place.seq)}` };
  return { sv: `kontrollpunkt ${digits(place.seq)}`, en: `checkpoint ${digits(place.seq)}` };
}

const REASON_PREFIX = 'Stored history damaged at ';

/**
 * The close reason of a socket whose document's stored history is damaged at `place`
 * (`CloseCode.damaged`): `Stored history damaged at update 7`, well under 123 bytes.
 */
export function damagedCloseReason(place: DamagedPlace): string {
  return REASON_PREFIX + damagedPlaceWords(place).en;
}

/** The place a {@link damagedCloseReason} names, or null for another text (an older server's, or none). */
export function damagedPlaceOf(reason: string): DamagedPlace | null {
  if (!reason.startsWith(REASON_PREFIX)) return null;
  const rest = reason.slice(REASON_PREFIX.length);
  if (rest === 'its snapshot') return { kind: 'snapshot' };
  const m = /^(update|checkpoint) ([1-9]\d{0,15})$/.exec(rest);
  return m ? { kind: m[1] as 'update' | 'checkpoint', seq: Number(m[2]) } : null;
}

/**
 * What the pane says when the server cannot read the document it opened: the place when the
 * reason names one, that nothing changed and what was made here is kept, and who mends it.
 * Connecting again meets the same damage, so the pane does not retry on its own.
 */
export function damagedDocWords(reason: string): Localized {
  const place = damagedPlaceOf(reason);
  const where = place ? damagedPlaceWords(place) : null;
  return {
    sv: `Servern kan inte läsa dokumentet: dess sparade historik är skadad${where ? ` (${where.sv})` : ''}. Inget ändrades på servern, och ändringar gjorda här finns kvar i arbetsboken men skickas inte. En administratör återställer databasen från en säkerhetskopia; välj sedan Försök igen.`,
    en: `The server cannot read the document: its stored history is damaged${where ? ` (${where.en})` : ''}. Nothing was changed on the server, and changes made here are kept in the workbook but not sent. An administrator restores the database from a backup; then choose Try again.`,
  };
}

/**
 * What History says of a stored change `seq` that does not decode: the rest of the history is
 * shown without it, so a later change may look smaller than it was, and who mends it.
 *
 * @example
 * damagedChangeWords(12).sv
 * // 'Ändring 12 i dokumentets sparade historik går inte att läsa (den är skadad). Historiken visas utan den, så senare ändringar kan sakna det den ändrade. En administratör återställer databasen från en säkerhetskopia.'
 */
export function damagedChangeWords(seq: number): Localized {
  return {
    sv: `Ändring ${digits(seq)} i dokumentets sparade historik går inte att läsa (den är skadad). Historiken visas utan den, så senare ändringar kan sakna det den ändrade. En administratör återställer databasen från en säkerhetskopia.`,
    en: `Change ${digits(seq)} in the document's stored history cannot be read (it is damaged). The history is shown without it, so later changes may lack what it changed. An administrator restores the database from a backup.`,
  };
}

/**
 * What History says of a stored checkpoint `seq` (the document as it was after change `seq`, kept
 * for changes older than the retention period) that does not decode, and who mends it. When it is
 * the base of the kept changes, they are each read as stored, but what only the checkpoint held is
 * missing; when another checkpoint follows it (`next`, its number), that one is shown against the
 * version before the damaged one, so it shows the damaged checkpoint's changes with its own.
 *
 * @example
 * damagedCheckpointWords(40).sv
 * // 'Kontrollpunkt 40 i dokumentets sparade historik (dokumentet som det var efter ändring 40) går inte att läsa (den är skadad). Historiken visas utan den: ändringarna efter den visas var för sig, men det som bara fanns i kontrollpunkten saknas, så de kan se mindre ut än de var. En administratör återställer databasen från en säkerhetskopia.'
 * damagedCheckpointWords(40, 52).sv
 * // 'Kontrollpunkt 40 … går inte att läsa (den är skadad). Historiken visas utan den: kontrollpunkt 52 visar dess ändringar tillsammans med sina egna, så den kan se större ut än den var. En administratör …'
 */
export function damagedCheckpointWords(seq: number, next?: number): Localized {
  const head = {
    sv: `Kontrollpunkt ${digits(seq)} i dokumentets sparade historik (dokumentet som det var efter ändring ${digits(seq)}) går inte att läsa (den är skadad). Historiken visas utan den: `,
    en: `Checkpoint ${digits(seq)} in the document's stored history (the document as it was after change ${digits(seq)}) cannot be read (it is damaged). The history is shown without it: `,
  };
  const tail = { sv: ' En administratör återställer databasen från en säkerhetskopia.', en: ' An administrator restores the database from a backup.' };
  if (next !== undefined) {
    return {
      sv: `${head.sv}kontrollpunkt ${digits(next)} visar dess ändringar tillsammans med sina egna, så den kan se större ut än den var.${tail.sv}`,
      en: `${head.en}checkpoint ${digits(next)} shows its changes together with its own, so it may look larger than it was.${tail.en}`,
    };
  }
  return {
    sv: `${head.sv}ändringarna efter den visas var för sig, men det som bara fanns i kontrollpunkten saknas, så de kan se mindre ut än de var.${tail.sv}`,
    en: `${head.en}the changes after it are shown one by one, but what only the checkpoint held is missing, so they may look smaller than they were.${tail.en}`,
  };
}
