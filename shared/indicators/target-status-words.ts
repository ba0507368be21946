/**
 * Where a value stands against its target, in words: what a person reads in every table that
 * shows it (the indicator table and the roll-up as CSV and XLSX, the pulled tables, the pane's
 * lists). The codes (`uppnatt`, `pa-vag`, `ej-pa-vag`) are `targetStatus`'s (`compute.ts`) and
 * stay in JSON, the machine format.
 */
import type { Lang } from '../i18n/t.js';
import type { TargetStatus } from './compute.js';

/** Status against target in words, Swedish and English; shown with the value, never as colour alone. */
export const TARGET_STATUS_WORDS: Record<TargetStatus, Record<Lang, string>> = {
  uppnatt: { sv: 'Uppnått', en: 'Achieved' },
  'pa-vag': { sv: 'På väg', en: 'On track' },
  'ej-pa-vag': { sv: 'Ej på väg', en: 'Not on track' },
};
