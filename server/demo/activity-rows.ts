/**
 * Sample activity-plan rows for the six KIM clinics, drawn from Table 1 and the text of the KIM
 * report (seed 000): health days with blood pressure, lung function and blood sugar checks; the
 * diabetes week with eye photography together with S:t Eriks ögonsjukhus; asthma/COPD weeks with
 * Hjärt-/lungföreningen; the inspiration week with the swimming pool; group talks on sleep,
 * stress, food and dependence; talks in a women's mosque and at Röda Korset; walking groups; Wasa's
 * exercise groups in two churches; staff training with Transkulturellt Centrum.
 * Goals default to the Table 1 marks of the activity type. The plans are the KIM project's own,
 * so they keep its years: the dates fall in 2013–2014 (the project ran 2013–2015) and everything
 * is reported as done or cancelled.
 */
import { ACTIVITY_TYPES, GOALS } from '../../shared/catalog/activity-types.js';
import { LIFESTYLE_HABITS } from '../../shared/catalog/lifestyle.js';
import type { RowValues } from '../../shared/schema/types.js';
import { demoPartnerId } from './demo-partners.js';

type Habit = (typeof LIFESTYLE_HABITS)[number]['value'];

/** One planned activity before it becomes cells. */
interface Activity {
  title: string;
  type: string;
  habits: readonly Habit[];
  venue: string;
  partner: string | null;
  targetGroup: string;
  start: string;
  end: string;
  responsible: string;
  planned: number;
  comment?: string;
}

const ALL: readonly Habit[] = ['tobak', 'alkohol', 'fysisk-aktivitet', 'matvanor'];

/** Activities per KIM clinic id; each clinic does the types Table 1 names it for. */
const PLANS: Record<string, (place: string) => Activity[]> = {
  'kim-wasa': (place) => [
    hd(place, '2025-05-14', 'Torget i Wasa'),
    { title: 'Inspirationsvecka med simhallen', type: 'uppmarksamhetsvecka', habits: ['fysisk-aktivitet'], venue: 'simhall', partner: null, targetGroup: 'Vuxna som inte tränar', start: '2025-09-15', end: '2025-09-19', responsible: 'Fysioterapeut', planned: 60 },
    { title: 'Alkoholvecka: samtal om riskbruk', type: 'uppmarksamhetsvecka', habits: ['alkohol'], venue: 'vardcentral', partner: 'Socialtjänsten', targetGroup: 'Vuxna listade patienter', start: '2025-11-17', end: '2025-11-21', responsible: 'Distriktssköterska', planned: 40 },
    talk(place, 'Samtalsträff om sömn och stress', ['matvanor'], '2025-10-02', '2026-05-28'),
    walk(place, '2025-04-01', '2026-10-27', 'Hjärt-/lungföreningen'),
    { title: 'Rörelsegrupp med hälsoinformation i kyrkans lokaler', type: 'rorelsegrupp', habits: ['fysisk-aktivitet', 'matvanor'], venue: 'trossamfund', partner: 'Församlingen', targetGroup: 'Församlingsmedlemmar', start: '2025-02-04', end: '2026-12-15', responsible: 'Fysioterapeut', planned: 25 },
    { title: 'Rörelsegrupp för kvinnor', type: 'rorelsegrupp', habits: ['fysisk-aktivitet'], venue: 'trossamfund', partner: 'Församlingen', targetGroup: 'Kvinnor i församlingen', start: '2025-02-06', end: '2026-12-17', responsible: 'Distriktssköterska', planned: 20, comment: 'Kvinnogrupp, kvinnlig ledare.' },
    staff('2026-03-12'),
  ],
  'kim-varby': (place) => [
    hd(place, '2025-06-04', 'Vårby centrum'),
    { title: 'Diabetesvecka med ögonbottenfotografering', type: 'uppmarksamhetsvecka', habits: ['matvanor', 'fysisk-aktivitet'], venue: 'vardcentral', partner: 'S:t Eriks ögonsjukhus', targetGroup: 'Personer med diabetes', start: '2025-11-10', end: '2025-11-14', responsible: 'Diabetessköterska', planned: 120, comment: 'Öppet hus för provtagning, rådgivning och ögonbottenfoto på plats.' },
    talk(place, 'Rökavvänjning i grupp', ['tobak'], '2026-01-20', '2026-04-14'),
    { title: 'Hälsoinformation hos Röda Korset för nyanlända', type: 'halsosamtal', habits: ALL, venue: 'forening', partner: 'Röda Korset', targetGroup: 'Nyanlända och asylsökande', start: '2026-02-03', end: '2026-06-09', responsible: 'Distriktssköterska', planned: 30 },
    walk(place, '2025-05-06', '2026-09-29', 'Socialtjänsten'),
    staff('2025-10-09'),
  ],
  'kim-tensta': (place) => [
    hd(place, '2025-04-23', 'Tensta centrum'),
    { title: 'Astma/KOL-vecka med spirometri', type: 'uppmarksamhetsvecka', habits: ['tobak', 'fysisk-aktivitet'], venue: 'vardcentral', partner: 'Hjärt-/lungföreningen', targetGroup: 'Rökare och personer med andfåddhet', start: '2025-05-05', end: '2025-05-09', responsible: 'Astma/KOL-sköterska', planned: 50 },
    { title: 'Hälsoinformation i kvinnomoskén', type: 'halsosamtal', habits: ['matvanor', 'fysisk-aktivitet'], venue: 'trossamfund', partner: null, targetGroup: 'Kvinnor', start: '2025-09-10', end: '2026-06-10', responsible: 'Distriktssköterska', planned: 35 },
    talk(place, 'Samtalsträff om mat och hälsa på SFI', ['matvanor'], '2026-02-05', '2026-05-21', 'SFI', 'skola'),
    walk(place, '2025-03-04', '2026-11-24', 'Familjecentralen'),
    staff('2025-11-20'),
  ],
  'kim-husby-akalla': (place) => [
    hd(place, '2025-05-28', 'Husby centrum'),
    hd(place, '2026-05-27', 'Akalla torg'),
    walk(place, '2025-08-19', '2026-12-15', 'Arbetsförmedlingen'),
    staff('2026-02-12'),
  ],
  'kim-jordbro': (place) => [
    hd(place, '2025-09-24', 'Jordbro centrum'),
    talk(place, 'Individuella hälsosamtal (motiverande samtal)', ALL, '2025-08-18', '2026-06-15', null, 'vardcentral'),
    { title: 'Hälsoinformation hos Röda Korset', type: 'halsosamtal', habits: ['matvanor'], venue: 'forening', partner: 'Röda Korset', targetGroup: 'Nyanlända', start: '2026-03-03', end: '2026-05-26', responsible: 'Distriktssköterska', planned: 25 },
  ],
  'kim-rinkeby': (place) => [
    hd(place, '2025-06-11', 'Rinkebystråket'),
    talk(place, 'Samtalsträff om beroende och stress', ['tobak', 'alkohol'], '2025-09-09', '2026-05-26', 'Försäkringskassan'),
    walk(place, '2025-04-08', '2026-10-27', null, 'Tillsammans med elevhälsan (skolsköterskan).'),
    staff('2025-09-25'),
  ],
};

function hd(place: string, date: string, where: string): Activity {
  return {
    title: `Hälsodag ${where}: blodtryck, blodsocker, lungfunktion`,
    type: 'halsodag',
    habits: ALL,
    venue: 'utomhus',
    partner: 'Socialtjänsten',
    targetGroup: `Invånare i ${place}`,
    start: date,
    end: date,
    responsible: 'Distriktssköterska',
    planned: 150,
    comment: 'BMI och midjemått; information om vart man vänder sig i vården.',
  };
}

function talk(place: string, title: string, habits: readonly Habit[], start: string, end: string, partner: string | null = null, venue = 'vardcentral'): Activity {
  return { title, type: 'halsosamtal', habits, venue, partner, targetGroup: `Vuxna i ${place}`, start, end, responsible: 'Distriktssköterska', planned: 15 };
}

function walk(place: string, start: string, end: string, partner: string | null, note?: string): Activity {
  return {
    title: `Promenadgrupp ${place}, tisdagar`,
    type: 'promenadgrupp',
    habits: ['fysisk-aktivitet'],
    venue: 'utomhus',
    partner,
    targetGroup: 'Äldre och personer som är ensamma',
    start,
    end,
    responsible: 'Distriktssköterska',
    planned: 20,
    comment: `Samtal om hälsa och livsstil under promenaden; bryter isolering.${note ? ` ${note}` : ''}`,
  };
}

function staff(date: string): Activity {
  return {
    title: 'Interkulturell kommunikation för personalen',
    type: 'personalutbildning',
    habits: [],
    venue: 'vardcentral',
    partner: 'Transkulturellt Centrum',
    targetGroup: 'Personal på vårdcentralen',
    start: date,
    end: date,
    responsible: 'Verksamhetschef',
    planned: 25,
  };
}

/** Deterministic "reached" numbers so that a demo looks the same every time. */
function reached(planned: number, i: number): number {
  const factors = [0.82, 1.1, 0.64, 0.95, 1.25, 0.7];
  return Math.round(planned * (factors[i % factors.length] ?? 1));
}

function cells(a: Activity, i: number, today: string): RowValues {
  const defaults = ACTIVITY_TYPES.find((t) => t.value === a.type)?.defaultGoals ?? [];
  const done = a.end < today;
  const running = !done && a.start <= today;
  const values: RowValues = {
    title: a.title,
    type: a.type,
    venue: a.venue,
    partner: a.partner === null ? null : demoPartnerId(a.partner),
    targetGroup: a.targetGroup,
    startDate: a.start,
    endDate: a.end,
    responsible: a.responsible,
    participantsPlanned: a.planned,
    participantsReached: done || running ? reached(a.planned, i) : null,
    status: done ? 'genomford' : running ? 'pagaende' : 'planerad',
    comment: a.comment ?? null,
  };
  for (const g of GOALS) values[`goals.${g.value}`] = (defaults as readonly string[]).includes(g.value);
  for (const h of LIFESTYLE_HABITS) values[`habits.${h.value}`] = a.habits.includes(h.value);
  return values;
}

/** Years between the dates written above and the KIM project's own (2025 → 2013). */
const KIM_YEARS_BACK = 12;

/** The same date `years` earlier (ISO); 29 February becomes 28 February. */
function yearsEarlier(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const rest = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${y}${rest}`;
}

/** The activity-plan rows for a KIM clinic (by its `kim-*` id), dated in the KIM years, with statuses as of `today` (ISO). */
export function activityRows(kimClinic: string, place: string, today: string): RowValues[] {
  const plan = PLANS[kimClinic];
  const back = (a: Activity): Activity => ({ ...a, start: yearsEarlier(a.start, KIM_YEARS_BACK), end: yearsEarlier(a.end, KIM_YEARS_BACK) });
  return plan ? plan(place).map((a, i) => cells(back(a), i, today)) : [];
}
