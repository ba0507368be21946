/**
 * The words of an import's refusal of a row the importer may not write (`forbidden-row`): another
 * unit's row, or a new row of no unit of the importer's own.
 */
import type { Localized } from '../../shared/schema/types.js';

/** A record's references left unresolved, as `checkAll` gives them (`import-check.ts`). */
type Unresolved = readonly { column: string; message: Localized }[];

/**
 * A refusal for another unit's row, led by why when the Enhet cell names no unit of the workspace
 * (a typo, a unit's former name): "Enhet: "Tensta vc" finns inte i listan. Menade du …?" before
 * the rule, so the person is not told a unit of their own belongs to someone else.
 */
function withUnknownUnit(unresolved: Unresolved, rule: Localized): Localized {
  const unknown = unresolved.find((u) => u.column === 'unit');
  return unknown ? { sv: `${unknown.message.sv} ${rule.sv}`, en: `${unknown.message.en} ${rule.en}` } : rule;
}

/** The refusal of a change to a row of another unit. */
export function otherUnitsRow(unresolved: Unresolved): Localized {
  return withUnknownUnit(unresolved, {
    sv: 'Raden hör till en annan enhet; du får bara ändra rader för dina egna enheter.',
    en: 'The row belongs to another unit; you may only change rows of your own units.',
  });
}

/** The refusal of a new row that belongs to none of the importer's units. */
export function newRowOfOtherUnit(unresolved: Unresolved): Localized {
  return withUnknownUnit(unresolved, {
    sv: 'En ny rad måste höra till en av dina egna enheter (kolumnen Enhet).',
    en: 'A new row must belong to one of your own units (the Unit column).',
  });
}
