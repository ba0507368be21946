/**
 * Two process lists from seed 004 (Region Jönköpings län):
 *
 * - {@link HALSOCENTER_PROCESS}: Hälsocenter Jönköping's process ("Process", 1 oktober 2020):
 *   referral → individual talk → 4–5 week activity → check-in → activities → follow-up after
 *   about 6 months. It is the Hälsocenter's process, not FaR's, and is named so.
 * - {@link VARNAMO_FAR_FLOW}: Värnamo Hälsocenter's FaR flow, as its picture in seed 004 draws
 *   it: an opening health talk for all (MI), a 6-month programme, follow-up at 3 months,
 *   closing at 6 months and a survey 12 months after closing.
 *
 * Values are Samplan's own ASCII keys; the Swedish labels are the seed's words.
 */
import type { ColumnOption } from '../schema/types.js';

/** One step of a process. */
export interface ProcessStep extends ColumnOption {
  /** Months after the start when the step typically happens, where the seed says so. */
  atMonth?: number;
}

/** Hälsocenter Jönköping's process steps, in the seed's order. */
export const HALSOCENTER_PROCESS: readonly ProcessStep[] = [
  {
    value: 'remiss',
    label: {
      sv: 'Rekommendation, remiss eller eget initiativ till hälsocoach på Hälsocenter',
      en: 'Recommendation, referral or own initiative to a health coach at the Health Centre',
    },
    atMonth: 0,
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
    atMonth: 6,
  },
];

/** Värnamo Hälsocenter's FaR flow (seed 004), in order; months count from the opening talk. */
export const VARNAMO_FAR_FLOW: readonly ProcessStep[] = [
  {
    value: 'inledande-halsosamtal',
    label: { sv: 'Inledande hälsosamtal för alla – MI', en: 'Opening health talk for all – MI' },
    atMonth: 0,
  },
  { value: 'program', label: { sv: 'Program 6 mån', en: 'Programme, 6 months' } },
  { value: 'uppfoljning-3man', label: { sv: 'Uppföljning 3 mån', en: 'Follow-up at 3 months' }, atMonth: 3 },
  { value: 'avslut-6man', label: { sv: 'Avslut 6 mån', en: 'Closing at 6 months' }, atMonth: 6 },
  {
    value: 'enkat-12man',
    label: { sv: 'Enkät 12 mån efter avslut', en: 'Survey 12 months after closing' },
    atMonth: 18,
  },
];
