/**
 * What this person may write in a document, worked out in the pane before anything is typed, by
 * the same rules the server enforces (server/auth/policy.ts: viewers read; editors write the
 * documents of their own units, in a county action plan and in indicator values only the rows of
 * their own units (`shared/protocol/row-owned-kinds.ts`), and
 * never the partner list or the indicator catalog; nobody writes an archived document). A document they may not write opens as a
 * protected sheet with a sentence saying why; rows they may not write are protected one by one.
 */
import type { Localized } from '../../shared/schema/types.js';
import { isRowOwned } from '../../shared/protocol/row-owned-kinds.js';
import { LOCKED_ROW_LEGEND, rowLocks, type RowLocks } from '../excel/sheet/row-locks.js';
import type { DocumentInfo, Me, UnitInfo } from './api-client.js';

/** The verdict for one document. */
export interface WriteRights {
  /** Why the whole document is read-only for this person, or null when they may write it. */
  readOnly: Localized | null;
  /** Rows they may not write (a county action plan), when some may be written. */
  rowLocks?: RowLocks;
  /** With `rowLocks`: the sentence that explains how those rows are marked in the sheet. */
  legend?: Localized;
}

import { REFERENCE_KINDS } from '../../shared/protocol/doc-change-rule.js';

/** A unit's name as the workspace gives it, else its code. */
function nameOf(units: readonly UnitInfo[], code: string | null): string {
  return (code && units.find((u) => u.code === code)?.name) || code || '?';
}

/** "Tensta vårdcentral och Husby vårdcentral": the member's own units in words. */
function listOf(units: readonly UnitInfo[], codes: readonly string[], lang: 'sv' | 'en'): string {
  const names = codes.map((c) => nameOf(units, c));
  if (names.length === 0) return lang === 'sv' ? 'inga enheter' : 'no units';
  return new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' }).format(names);
}

/** Why an editor may not change the unit of their row (now `unit`): only a coordinator may. */
function unitChange(units: readonly UnitInfo[], unit: unknown): Localized {
  const name = nameOf(units, typeof unit === 'string' ? unit : null);
  return {
    sv: `raden hör till ${name} och en rads enhet kan bara en samordnare ändra.`,
    en: `the row belongs to ${name} and only a coordinator can change a row's unit.`,
  };
}

/**
 * "Arkiverad av Anna Admin den 1 december 2026: …": an archived document is read-only for
 * everyone, admins included, until an admin restores it (the server refuses writes with 4423).
 */
export function archivedSentence(at: string, by: string | null): Localized {
  const date = (lang: 'sv' | 'en'): string => {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? at : new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long' }).format(d);
  };
  return {
    sv: `Arkiverad ${by ? `av ${by} ` : ''}den ${date('sv')}: dokumentet kan läsas men inte ändras. En administratör kan återställa det.`,
    en: `Archived ${by ? `by ${by} ` : ''}on ${date('en')}: the document can be read, not changed. An admin can restore it.`,
  };
}

/**
 * The rights of `me` in the document `info`; `units` are the workspace's units, for names.
 * Without a known member (not signed in yet) nothing is locked: the server still decides.
 *
 * @example
 * writeRightsFor({ role: 'editor', units: ['vc-tensta'], … }, { kind: 'activity-plan', ownerUnit: 'vc-husby', … }, units)
 * // → { readOnly: { sv: 'Skrivskyddat: dokumentet tillhör Husby vårdcentral. …', en: … } }
 */
export function writeRightsFor(me: Me | null, info: Pick<DocumentInfo, 'kind' | 'ownerUnit' | 'archivedAt' | 'archivedBy'>, units: readonly UnitInfo[]): WriteRights {
  if (info.archivedAt) return { readOnly: archivedSentence(info.archivedAt, info.archivedBy ?? null) };
  if (!me || me.role === 'admin' || me.role === 'coordinator') return { readOnly: null };
  if (me.role !== 'editor') {
    return { readOnly: { sv: 'Skrivskyddat: din roll får bara läsa.', en: 'Read-only: your role may only read.' } };
  }
  if (REFERENCE_KINDS.has(info.kind)) {
    return {
      readOnly: {
        sv: 'Skrivskyddat: samverkanslistan och indikatorkatalogen ändras av samordnare.',
        en: 'Read-only: the partner list and the indicator catalog are changed by coordinators.',
      },
    };
  }
  const own = new Set(me.units);
  if (isRowOwned(info.kind)) {
    return {
      readOnly: null,
      legend: LOCKED_ROW_LEGEND,
      rowLocks: {
        ...rowLocks((_id, values) => {
          const unit = typeof values.unit === 'string' ? values.unit : null;
          if (unit !== null && own.has(unit)) return undefined;
          if (unit === null) {
            return {
              sv: `raden har ingen enhet; du skriver bara rader för ${listOf(units, me.units, 'sv')}.`,
              en: `the row has no unit; you write only rows of ${listOf(units, me.units, 'en')}.`,
            };
          }
          return {
            sv: `raden tillhör ${nameOf(units, unit)}; du skriver bara rader för ${listOf(units, me.units, 'sv')}.`,
            en: `the row belongs to ${nameOf(units, unit)}; you write only rows of ${listOf(units, me.units, 'en')}.`,
          };
        }),
        // The unit of a row is set once: an editor may not move it, not even to another of their
        // units, nor empty it (the server refuses it: `server/sync/ownership.ts` ownerChange).
        changeFor: (_id, before, after) => (after.unit === before.unit ? undefined : unitChange(units, before.unit)),
        // A new row held for its unit (typed before it, left to right) goes once the unit is one of theirs.
        heldUntil: () => ({ sv: 'när Enhet är en av dina enheter', en: 'once its unit is one of yours' }),
      },
    };
  }
  if (info.ownerUnit !== null && own.has(info.ownerUnit)) return { readOnly: null };
  return {
    readOnly: {
      sv: `Skrivskyddat: dokumentet tillhör ${nameOf(units, info.ownerUnit)}. Du ändrar bara dokument för ${listOf(units, me.units, 'sv')}.`,
      en: `Read-only: the document belongs to ${nameOf(units, info.ownerUnit)}. You change only documents of ${listOf(units, me.units, 'en')}.`,
    },
  };
}

/**
 * What a verdict of {@link writeRightsFor} comes to, as a string: two verdicts with the same key
 * protect the same cells with the same words. Row locks are a function of the member's units, so
 * those units are part of the key when there are row locks.
 */
export function rightsKey(rights: WriteRights, me: Me | null): string {
  return JSON.stringify([rights.readOnly, rights.legend ?? null, rights.rowLocks ? [...(me?.units ?? [])].sort() : null]);
}
