/**
 * What the round tables (completeness, the roll-ups) do with a document they could not read
 * (`RoundData.unreadable`, `shared/rounds/unreadable.ts`): a roll-up leaves its owning unit out,
 * so the county's sums are not those of a unit half read, and every answer says so. JSON carries
 * `unreadable` (each document with the server's words naming it and the damaged place) and, for a
 * roll-up, `leftOut` (the units and a sentence); a CSV, which has no place for a sentence without
 * breaking Power Query's table, names them in the headers `X-Samplan-Unreadable` (document ids)
 * and `X-Samplan-Left-Out-Units` (unit codes), both ASCII by their formats, and is named as
 * incomplete (`-ofullstandig.csv`, `unreadable-sheet.ts`), where a person who opens it sees it.
 */
import type { Context } from 'hono';
import { AppError } from './errors.js';
import { leftOutWords } from '../../shared/i18n/unreadable-words.js';
import type { Localized } from '../../shared/schema/types.js';
import { unreadableUnits, type UnreadableDoc } from '../../shared/rounds/unreadable.js';
import type { RoundData } from './round-data.js';
import { unitNamesOf } from './round-tables.js';

/** The units a roll-up left out, and why in words. */
export interface LeftOut {
  units: string[];
  message: Localized;
}

/** `units` without those owning an unreadable document of `data`, and what is said of those left out (null when none was). */
export function rollupUnits(units: readonly string[], data: Pick<RoundData, 'unreadable' | 'units'>): { units: string[]; leftOut: LeftOut | null } {
  const out = unreadableUnits(units, data.unreadable);
  if (out.length === 0) return { units: [...units], leftOut: null };
  const message = leftOutWords(out, unitNamesOf(data.units), data.unreadable) as Localized;
  return { units: units.filter((u) => !out.includes(u)), leftOut: { units: out, message } };
}

/** Name the unreadable documents and the units left out in a CSV answer's headers (nothing when all was read). */
export function sayUnreadable(c: Context, unreadable: readonly UnreadableDoc[], leftOut: LeftOut | null = null): void {
  if (unreadable.length > 0) c.header('X-Samplan-Unreadable', unreadable.map((d) => d.doc).join(','));
  if (leftOut) c.header('X-Samplan-Left-Out-Units', leftOut.units.join(','));
}

/**
 * `data` when no indicator catalog of it was left unread: the indicators a round names are looked
 * up in the catalogs, and one left out would make a named indicator look unknown. A clinic's
 * damaged plan does not stop a round being defined.
 *
 * @throws AppError 409 `document-damaged` with the words naming the catalog and the damaged place:
 * a round's definition is a write, refused as every write meeting a damaged document is (`handleError`)
 */
export function withCatalogsRead<T extends Pick<RoundData, 'unreadable'>>(data: T): T {
  const catalog = data.unreadable.find((d) => d.kind === 'indicator-catalog');
  if (catalog) throw new AppError(409, 'document-damaged', catalog.message, { document: catalog.doc });
  return data;
}
