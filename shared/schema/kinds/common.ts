/** Column building blocks shared by several document kinds. */
import type { ColumnDef, ColumnOption } from '../types.js';

/** Earliest and latest dates a plan may use; anything outside is almost surely a typo. */
export const DATE_MIN = '2000-01-01';
/** See {@link DATE_MIN}. */
export const DATE_MAX = '2099-12-31';

/** Progress of a planned activity or measure. */
export const PLAN_STATUSES = [
  { value: 'planerad', label: { sv: 'Planerad', en: 'Planned' } },
  { value: 'pagaende', label: { sv: 'Pågående', en: 'In progress' } },
  { value: 'genomford', label: { sv: 'Genomförd', en: 'Done' } },
  { value: 'installd', label: { sv: 'Inställd', en: 'Cancelled' } },
] as const satisfies readonly ColumnOption[];

/** A start/end date pair; `validateRow` checks end ≥ start. */
export function dateRange(): ColumnDef[] {
  return [
    {
      key: 'startDate',
      header: { sv: 'Startdatum', en: 'Start date' },
      type: 'date',
      min: DATE_MIN,
      max: DATE_MAX,
      width: 12,
      help: { sv: 'Första dagen, ÅÅÅÅ-MM-DD.', en: 'First day, YYYY-MM-DD.' },
    },
    {
      key: 'endDate',
      header: { sv: 'Slutdatum', en: 'End date' },
      type: 'date',
      min: DATE_MIN,
      max: DATE_MAX,
      width: 12,
      help: {
        sv: 'Sista dagen, ÅÅÅÅ-MM-DD; samma som eller efter startdatum.',
        en: 'Last day, YYYY-MM-DD; on or after the start date.',
      },
    },
  ];
}

/** The free-text comment column every kind ends with. */
export function commentColumn(): ColumnDef {
  return {
    key: 'comment',
    header: { sv: 'Kommentar', en: 'Comment' },
    type: 'longtext',
    maxLength: 2000,
    width: 40,
    help: { sv: 'Fri text.', en: 'Free text.' },
  };
}

/** The partner column of the plans: a partner of the workspace's partner list, stored by id, shown by name. */
export function partnerColumn(): ColumnDef {
  return {
    key: 'partner',
    header: { sv: 'Samverkanspart', en: 'Partner' },
    type: 'partner-ref',
    ref: 'partner',
    maxLength: 200,
    width: 20,
    help: {
      sv: 'Välj en aktör ur samverkanslistan. Byter aktören namn följer cellen med.',
      en: 'Pick a partner from the partner list. When the partner is renamed, the cell follows.',
    },
  };
}

/** The plans' column naming who answers for an activity or measure. */
export function responsibleColumn(): ColumnDef {
  return {
    key: 'responsible',
    header: { sv: 'Ansvarig', en: 'Responsible' },
    type: 'text',
    maxLength: 200,
    width: 16,
    help: { sv: 'Roll eller namn på den som ansvarar.', en: 'Role or name of the person responsible.' },
  };
}
