/**
 * Activity types and goals from Table 1 of the KIM report (seed 000, "Tabell 1. Typer av
 * aktiviteter som genomförts vid vårdcentralerna i relation till målen och vårdpersonalens
 * roller"). The matrix is used as the default goal suggestion when a coordinator picks a type.
 */
import type { ColumnOption, Localized } from '../schema/types.js';

/** The five goal columns of Table 1, in the table's order. */
export const GOALS = [
  { value: 'motivation', label: { sv: 'Motivationshöjning', en: 'Raising motivation' } },
  {
    value: 'prevention',
    label: { sv: 'Förebyggande/Uppmärksammande', en: 'Prevention/Early detection' },
  },
  {
    value: 'physical-activity',
    label: { sv: 'Ökad fysisk aktivitet', en: 'More physical activity' },
  },
  { value: 'health-information', label: { sv: 'Hälsoinformation', en: 'Health information' } },
  { value: 'accessibility', label: { sv: 'Ökad tillgänglighet', en: 'Better accessibility' } },
] as const satisfies readonly ColumnOption[];

/** A goal value of {@link GOALS}. */
export type Goal = (typeof GOALS)[number]['value'];

/** One row of Table 1. */
export interface ActivityType extends ColumnOption {
  /** The goals marked with an x in Table 1: the default suggestion for this type. */
  defaultGoals: readonly Goal[];
  /** The KIM clinics the report names for this type (ids of `KIM_CLINICS`). */
  kimClinics: readonly string[];
  /**
   * True when the positions of the x marks are our reading of the report's prose. The seed's
   * text extraction keeps how many x marks a row has but not under which column they sit;
   * rows with all five or whose prose names every goal are not inferred.
   */
  goalsInferred: boolean;
}

/**
 * The six activity types of Table 1, plus `other` for activities outside the table (plans
 * must be able to say "something else" without misfiling it).
 */
export const ACTIVITY_TYPES: readonly ActivityType[] = [
  {
    value: 'halsodag',
    label: {
      sv: 'Hälsodagar/öppet hus med hälsoinformation och provtagning',
      en: 'Health days/open house with health information and testing',
    },
    // Four x marks; the prose describes checks, information and reaching new groups, not exercise.
    defaultGoals: ['motivation', 'prevention', 'health-information', 'accessibility'],
    kimClinics: ['kim-wasa', 'kim-varby', 'kim-rinkeby', 'kim-tensta', 'kim-jordbro', 'kim-husby-akalla'],
    goalsInferred: true,
  },
  {
    value: 'uppmarksamhetsvecka',
    label: {
      sv: 'Uppmärksamhetsvecka: alkohol, diabetes, astma/KOL, Inspirationsvecka med simhallen',
      en: 'Awareness week: alcohol, diabetes, asthma/COPD, inspiration week with the swimming pool',
    },
    // Four x marks; the swimming-pool week points to physical activity, motivation is the one
    // the prose ties to individual talks instead.
    defaultGoals: ['prevention', 'physical-activity', 'health-information', 'accessibility'],
    kimClinics: ['kim-wasa', 'kim-varby', 'kim-tensta'],
    goalsInferred: true,
  },
  {
    value: 'halsosamtal',
    label: {
      sv: 'Hälsosamtal/hälsoinformation/samtalsträff om hälsa',
      en: 'Health talks/health information/group talks about health',
    },
    defaultGoals: ['motivation', 'prevention', 'health-information', 'accessibility'],
    kimClinics: ['kim-varby', 'kim-tensta', 'kim-rinkeby', 'kim-jordbro', 'kim-wasa'],
    goalsInferred: true,
  },
  {
    value: 'promenadgrupp',
    label: { sv: 'Promenadgrupp/Gågrupp', en: 'Walking group' },
    defaultGoals: ['motivation', 'prevention', 'physical-activity', 'health-information', 'accessibility'],
    kimClinics: ['kim-wasa', 'kim-varby', 'kim-tensta', 'kim-rinkeby', 'kim-husby-akalla'],
    goalsInferred: false,
  },
  {
    value: 'rorelsegrupp',
    label: { sv: 'Rörelsegrupp med hälsoinformation', en: 'Exercise group with health information' },
    defaultGoals: ['motivation', 'prevention', 'physical-activity', 'health-information', 'accessibility'],
    kimClinics: ['kim-wasa'],
    goalsInferred: false,
  },
  {
    value: 'personalutbildning',
    label: {
      sv: 'Utbildning/kompetenshöjning för personal',
      en: 'Training/skills development for staff',
    },
    // Three x marks; the prose ties staff training to health literacy, communication and trust.
    defaultGoals: ['motivation', 'health-information', 'accessibility'],
    kimClinics: ['kim-husby-akalla', 'kim-rinkeby', 'kim-varby', 'kim-wasa', 'kim-tensta'],
    goalsInferred: true,
  },
  {
    value: 'annan',
    label: { sv: 'Annan aktivitet', en: 'Other activity' },
    defaultGoals: [],
    kimClinics: [],
    goalsInferred: false,
  },
];

/** How many x marks each Table 1 row has in seed 000, in table order (the part we know for sure). */
export const TABLE_1_MARK_COUNTS: readonly number[] = [4, 4, 4, 5, 5, 3];

/** The default goals for an activity type (Table 1), or `[]` for an unknown type. */
export function defaultGoalsFor(type: string): readonly Goal[] {
  return ACTIVITY_TYPES.find((t) => t.value === type)?.defaultGoals ?? [];
}

/** The label of a goal, or undefined for an unknown value. */
export function goalLabel(goal: string): Localized | undefined {
  return GOALS.find((g) => g.value === goal)?.label;
}
