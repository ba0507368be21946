/**
 * The steps of Region Jönköping's Hälsocenter process with FaR, fysisk aktivitet på recept
 * (seed 004, "Process"): referral → individual talk → 4–5 week activity → check-in →
 * activities → follow-up after about 6 months.
 */
import type { ColumnOption } from '../schema/types.js';

/** One step of the process. */
export interface FarStep extends ColumnOption {
  /** Weeks after the referral when the step typically starts, where the seed says so. */
  atWeek?: number;
}

/** The process steps in order. */
export const FAR_STEPS: readonly FarStep[] = [
  {
    value: 'remiss',
    label: {
      sv: 'Rekommendation, remiss eller eget initiativ till hälsocoach på Hälsocenter',
      en: 'Recommendation, referral or own initiative to a health coach at the Health Centre',
    },
    atWeek: 0,
  },
  {
    value: 'individuellt-samtal',
    label: {
      sv: 'Individuellt samtal. I samtalet bestäms grupp alt lotsning',
      en: 'Individual talk, deciding on a group or guidance elsewhere',
    },
  },
  {
    value: 'aktivitet',
    label: {
      sv: '4-5 veckors aktivitet (egen regi alt föreningsregi)',
      en: '4–5 week activity (own or run by an association)',
    },
  },
  {
    value: 'avstamning',
    label: { sv: 'Avstämningssamtal för vägledning och stöd', en: 'Check-in talk for guidance and support' },
  },
  { value: 'aktiviteter', label: { sv: 'Aktiviteter', en: 'Activities' } },
  {
    value: 'uppfoljning',
    label: { sv: 'Uppföljningssamtal ca 6 månader', en: 'Follow-up talk after about 6 months' },
    atWeek: 26,
  },
];
