/**
 * Demo activity plans for 2025–2026 for the 15 clinics of Region Stockholm's assignment (seed 001),
 * clearly sample data ("(exempeldata)" in the title, "Exempeldata." in every row's comment). The
 * activities are the activity types of Table 1 (seed 000) carried out the way seed 001 describes
 * the assignment: near the residents, in school, grocery store, pharmacy, swimming pool and
 * associations; on the four habits (tobaksbruk, riskbruk av alkohol, fysisk aktivitet, hälsosam
 * mat); detecting high blood pressure, blood sugar, blood lipids, reduced lung function and
 * overweight early; breaking isolation; with the partners of the partner list. Each clinic gets
 * its own selection and dates, the same at every start. Goals are Table 1's for the type.
 */
import { ACTIVITY_TYPES, GOALS } from '../../shared/catalog/activity-types.js';
import type { Clinic } from '../../shared/catalog/clinics.js';
import { LIFESTYLE_HABITS } from '../../shared/catalog/lifestyle.js';
import type { RowValues } from '../../shared/schema/types.js';
import { demoPartnerId } from './demo-partners.js';

type Habit = (typeof LIFESTYLE_HABITS)[number]['value'];

/** One activity of the template; `year` (2025 unless said), `month` (1–12) and `days` place it. */
interface Template {
  year?: number;
  title: (place: string) => string;
  type: string;
  habits: readonly Habit[];
  venue: string;
  partner: string | null;
  target: (place: string) => string;
  month: number;
  /** How many days it runs (1 for a day's event). */
  days: number;
  responsible: string;
  planned: number;
  note: string;
}

const ALL: readonly Habit[] = ['tobak', 'alkohol', 'fysisk-aktivitet', 'matvanor'];

const TEMPLATES: readonly Template[] = [
  { title: (p) => `Hälsodag i ${p}: blodtryck, blodsocker och blodfetter`, type: 'halsodag', habits: ALL, venue: 'utomhus', partner: 'Socialtjänsten', target: (p) => `Invånare i ${p}`, month: 4, days: 1, responsible: 'Distriktssköterska', planned: 120, note: 'Provtagning på plats; information om vart man vänder sig i vården.' },
  { title: () => 'Hälsoinformation utanför mataffären: hälsosam mat', type: 'halsosamtal', habits: ['matvanor'], venue: 'mataffar', partner: null, target: () => 'Handlande i centrum', month: 5, days: 1, responsible: 'Dietist', planned: 80, note: 'Midjemått och samtal om mat.' },
  { title: () => 'Blodtryck och rökavvänjning på apoteket', type: 'halsosamtal', habits: ['tobak'], venue: 'apotek', partner: null, target: () => 'Vuxna som röker', month: 6, days: 3, responsible: 'Distriktssköterska', planned: 40, note: 'Erbjudande om rökavvänjning i grupp.' },
  { title: (p) => `Promenadgrupp ${p}, tisdagar`, type: 'promenadgrupp', habits: ['fysisk-aktivitet'], venue: 'utomhus', partner: 'Familjecentralen', target: () => 'Äldre och personer som är ensamma', month: 3, days: 84, responsible: 'Fysioterapeut', planned: 20, note: 'Bryter isolering och skapar tillit.' },
  { title: () => 'Samtalsträff om hälsosam mat på SFI', type: 'halsosamtal', habits: ['matvanor', 'fysisk-aktivitet'], venue: 'skola', partner: 'SFI', target: () => 'Elever på SFI', month: 9, days: 30, responsible: 'Distriktssköterska', planned: 25, note: 'Tolk vid behov.' },
  { title: () => 'Prova på simning för kvinnor i simhallen', type: 'rorelsegrupp', habits: ['fysisk-aktivitet'], venue: 'simhall', partner: null, target: () => 'Kvinnor som inte simmar', month: 10, days: 42, responsible: 'Fysioterapeut', planned: 15, note: 'Kvinnlig ledare.' },
  { title: () => 'Uppmärksamhetsvecka: riskbruk av alkohol', type: 'uppmarksamhetsvecka', habits: ['alkohol'], venue: 'vardcentral', partner: 'Socialtjänsten', target: () => 'Vuxna listade patienter', month: 11, days: 5, responsible: 'Distriktssköterska', planned: 60, note: 'AUDIT i väntrummet.' },
  { title: () => 'Astma/KOL-vecka med spirometri', type: 'uppmarksamhetsvecka', habits: ['tobak', 'fysisk-aktivitet'], venue: 'vardcentral', partner: 'Hjärt-/lungföreningen', target: () => 'Rökare och personer med andfåddhet', month: 2, days: 5, responsible: 'Astma/KOL-sköterska', planned: 50, note: 'Nedsatt andningsfunktion upptäcks tidigt.' },
  { title: () => 'Hälsoinformation i föreningslokal med Röda Korset', type: 'halsosamtal', habits: ALL, venue: 'forening', partner: 'Röda Korset', target: () => 'Nyanlända', month: 8, days: 60, responsible: 'Distriktssköterska', planned: 30, note: 'Om levnadsvanor och om vården.' },
  { title: () => 'Motiverande samtal (MI) för personalen', type: 'personalutbildning', habits: [], venue: 'vardcentral', partner: 'Transkulturellt Centrum', target: () => 'Personal på vårdcentralen', month: 1, days: 1, responsible: 'Verksamhetschef', planned: 20, note: 'Halvdag med övningar.' },  // The plan runs into 2026, when the next three-year period of the assignment starts.
  { year: 2026, title: (p) => `Hälsodag i ${p}: blodtryck och lungfunktion`, type: 'halsodag', habits: ALL, venue: 'utomhus', partner: 'Socialtjänsten', target: (p) => `Invånare i ${p}`, month: 4, days: 1, responsible: 'Distriktssköterska', planned: 120, note: 'Spirometri för rökare.' },
  { year: 2026, title: (p) => `Promenadgrupp ${p}, torsdagar`, type: 'promenadgrupp', habits: ['fysisk-aktivitet'], venue: 'utomhus', partner: 'Familjecentralen', target: () => 'Föräldrar lediga dagtid', month: 5, days: 70, responsible: 'Fysioterapeut', planned: 20, note: 'Barnvagnar välkomna.' },
  { year: 2026, title: () => 'Uppmärksamhetsvecka: diabetes', type: 'uppmarksamhetsvecka', habits: ['matvanor', 'fysisk-aktivitet'], venue: 'vardcentral', partner: null, target: () => 'Personer med förhöjt blodsocker', month: 11, days: 5, responsible: 'Diabetessköterska', planned: 60, note: 'Blodsocker och midjemått.' },
];


/** The place a clinic serves, from its name: "Vårbergs Vårdcentral" → "Vårberg", "Capio Vårdcentral Kista" → "Kista". */
export function placeOf(clinic: Clinic): string {
  const words = clinic.name.replace(/vårdcentral|familjeläkarna|capio|meliva/gi, ' ').replace(/hälsan\b/i, '').trim().split(/\s+/);
  const place = words.length === 1 ? (words[0] ?? '').replace(/s$/, '') : words.join(' ');
  return place || clinic.name;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** The activity dates of template `t` at the clinic with index `n`: a few days later per clinic, within its month. */
function datesOf(t: Template, n: number): { start: string; end: string } {
  const start = new Date(Date.UTC(t.year ?? 2025, t.month - 1, 2 + ((n * 3) % 20)));
  const end = new Date(start.getTime() + (t.days - 1) * 86_400_000);
  return { start: iso(start), end: iso(end) };
}

/**
 * The demo plan rows of `clinic` (index `n` among the 15), with statuses as of `today` (ISO): done
 * before it, running, or planned; one activity a clinic had to cancel.
 */
export function clinicPlanRows(clinic: Clinic, n: number, today: string): RowValues[] {
  const place = placeOf(clinic);
  // Each clinic leaves out one of the templates and cancels another, so the plans differ.
  const chosen = TEMPLATES.filter((_, i) => i !== (n + 3) % TEMPLATES.length);
  const cancelled = (n * 7) % chosen.length;
  return chosen.map((t, i) => {
    const { start, end } = datesOf(t, n);
    const done = end < today;
    const running = !done && start <= today;
    const status = i === cancelled && done ? 'installd' : done ? 'genomford' : running ? 'pagaende' : 'planerad';
    const reached = status === 'genomford' || status === 'pagaende' ? Math.round(t.planned * (0.6 + ((n + i) % 6) * 0.12)) : null;
    const values: RowValues = {
      title: t.title(place),
      type: t.type,
      venue: t.venue,
      partner: t.partner === null ? null : demoPartnerId(t.partner),
      targetGroup: t.target(place),
      startDate: start,
      endDate: end,
      responsible: t.responsible,
      participantsPlanned: t.planned,
      participantsReached: reached,
      status,
      comment: `Exempeldata. ${t.note}`,
    };
    const goals = ACTIVITY_TYPES.find((a) => a.value === t.type)?.defaultGoals ?? [];
    for (const g of GOALS) values[`goals.${g.value}`] = (goals as readonly string[]).includes(g.value);
    for (const h of LIFESTYLE_HABITS) values[`habits.${h.value}`] = t.habits.includes(h.value);
    return values;
  });
}
