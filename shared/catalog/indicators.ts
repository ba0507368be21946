/**
 * The 22 goals with indicators of SKR's "Strategi för hälsa" (seed 002), in its three areas.
 *
 * The ids (`sfh-01` … `sfh-22`) are Samplan's own local ids, numbered in the order the seed
 * lists the goals. They are NOT official SKR or Kolada codes; every entry says so with
 * `localId: true`. The Swedish names are exactly as written in the seed.
 */
import type { ColumnOption, Localized } from '../schema/types.js';

/** The three areas of the strategy. */
export const INDICATOR_AREAS = [
  { value: 'god-och-jamlik-halsa', label: { sv: 'God och jämlik hälsa', en: 'Good and equal health' } },
  { value: 'hallbart-och-uthalligt', label: { sv: 'Hållbart och uthålligt', en: 'Sustainable and enduring' } },
  { value: 'god-kvalitet', label: { sv: 'God kvalitet', en: 'Good quality' } },
] as const satisfies readonly ColumnOption[];

/** An area value of {@link INDICATOR_AREAS}. */
export type IndicatorArea = (typeof INDICATOR_AREAS)[number]['value'];

/** Which way an indicator should move. */
export const DIRECTIONS = [
  { value: 'higher', label: { sv: 'Högre är bättre', en: 'Higher is better' } },
  { value: 'lower', label: { sv: 'Lägre är bättre', en: 'Lower is better' } },
] as const satisfies readonly ColumnOption[];

/** The period lengths a count's target can be set for (`targetPeriod` of the catalog). */
export const TARGET_PERIODS = [
  { value: 'year', label: { sv: 'år', en: 'year' } },
  { value: 'half', label: { sv: 'halvår', en: 'half-year' } },
  { value: 'quarter', label: { sv: 'kvartal', en: 'quarter' } },
  { value: 'month', label: { sv: 'månad', en: 'month' } },
] as const satisfies readonly ColumnOption[];

/** A direction value of {@link DIRECTIONS}. */
export type Direction = (typeof DIRECTIONS)[number]['value'];

/** One goal with indicator of the strategy. */
export interface SfhIndicator {
  /** Samplan's local id; not an official code. */
  id: string;
  /** Always true: marks {@link SfhIndicator.id} as our own. */
  localId: true;
  area: IndicatorArea;
  /** Swedish exactly as in seed 002; English is our translation. */
  name: Localized;
  /** From the goal's wording: "Fler"/"öka" → higher, "Färre"/"Minska" → lower. */
  direction: Direction;
  /**
   * The least change the goal asks for, in percentage points, where its wording states one
   * ("öka med minst 7 procentenheter" → 7); undefined when the seed gives no figure.
   */
  minChangePp?: number;
}

/** The stated least change of a goal's Swedish wording, in percentage points, or undefined. */
export function statedMinChange(sv: string): number | undefined {
  const m = /minst (\d+(?:,\d+)?) procentenheter/.exec(sv);
  return m?.[1] === undefined ? undefined : Number(m[1].replace(',', '.'));
}

type Entry = [area: IndicatorArea, direction: Direction, sv: string, en: string];

const G: IndicatorArea = 'god-och-jamlik-halsa';
const H: IndicatorArea = 'hallbart-och-uthalligt';
const Q: IndicatorArea = 'god-kvalitet';

const ENTRIES: readonly Entry[] = [
  [G, 'lower', 'Färre små barn ska utsättas för tobaksrök i hemmet', 'Fewer small children exposed to tobacco smoke at home'],
  [G, 'lower', 'Färre 3-åriga barn ska ha karies', 'Fewer 3-year-olds with caries'],
  [G, 'higher', 'Fler elever i årskurs 9 ska vara behöriga till gymnasiet', 'More year-9 pupils eligible for upper secondary school'],
  [G, 'higher', 'Fler gymnasieelever ska ta examen', 'More upper secondary pupils graduate'],
  [G, 'higher', 'Fler barn som varit placerade ska som 20-åringar ha avslutat treårigt gymnasium', 'More children who have been in care have completed three-year upper secondary school at 20'],
  [G, 'higher', 'Fler nyanlända i arbete eller studier 90 dagar efter etableringsuppdraget (öka med minst 7 procentenheter)', 'More newly arrived in work or studies 90 days after the introduction programme (up by at least 7 percentage points)'],
  [G, 'lower', 'Minska andelen unga som varken studerar eller arbetar', 'Reduce the share of young people neither studying nor working'],
  [G, 'lower', 'Minska andelen som har en stillasittande fritid (nu heter den stillasittande mer än 7 timmar per dag)', 'Reduce the share with sedentary leisure (now: sedentary more than 7 hours a day)'],
  [G, 'lower', 'Minska antalet äldre som drabbas av fallskador', 'Reduce the number of older people injured by falls'],
  [H, 'higher', 'Medellivslängden ska öka över tid, skillnader mellan olika grupper ska minska', 'Life expectancy should rise over time; differences between groups should shrink'],
  [H, 'lower', 'Färre barn och unga ska leva i ekonomiskt utsatta hushåll', 'Fewer children and young people in economically vulnerable households'],
  [H, 'higher', 'Fler personer i åldrarna 16-84 år ska uppge att de upplever en god hälsa', 'More people aged 16-84 report good health'],
  [H, 'higher', 'Fler personer i åldrarna 16-84 år ska uppge att de litar på andra människor', 'More people aged 16-84 report that they trust other people'],
  [Q, 'higher', 'Fler elever ska känna sig trygga i skolan', 'More pupils feel safe at school'],
  [Q, 'higher', 'Fler elever ska känna att de får hjälp i skolan när de behöver det', 'More pupils feel they get help at school when they need it'],
  [Q, 'higher', 'Fler elever ska känna att skolarbetet gör dem så nyfikna att de får lust att lära sig mer', 'More pupils feel schoolwork makes them curious to learn more'],
  [Q, 'higher', 'Fler brukare i hemtjänsten och äldreomsorgen ska ha en positiv upplevelse kring bemötande, förtroende och trygghet', 'More users of home care and elderly care have a positive experience of treatment, trust and safety'],
  [Q, 'higher', 'Fler brukare i individ- och familjeomsorgen ska uppleva en förbättrad situation efter kontakt med Socialtjänsten', 'More users of individual and family care experience an improved situation after contact with social services'],
  [Q, 'higher', 'Fler brukare inom funktionshinderområdet ska uppleva att de får bestämma om saker som är viktiga för dem i sin dagliga verksamhet', 'More users of disability services feel they decide on things important to them in their daily activity'],
  [Q, 'higher', 'Fler patienter ska uppleva bättre kvalitet vad avser kontinuitet och koordinering', 'More patients experience better quality in continuity and coordination'],
  [Q, 'higher', 'Fler patienter ska uppleva bättre kvalitet vad avser respekt och bemötande', 'More patients experience better quality in respect and treatment'],
  [Q, 'higher', 'Fler patienter ska uppleva bättre kvalitet vad avser emotionellt stöd; att personalen/behandlaren var aktiv och lyhörd, tillgänglig och stödjande', 'More patients experience better quality in emotional support: staff were active and attentive, available and supportive'],
];

/** The 22 indicators, in seed order, with local ids `sfh-01` … `sfh-22`. */
export const SFH_INDICATORS: readonly SfhIndicator[] = ENTRIES.map(([area, direction, sv, en], i) => {
  const minChangePp = statedMinChange(sv);
  return {
    id: `sfh-${String(i + 1).padStart(2, '0')}`,
    localId: true,
    area,
    name: { sv, en },
    direction,
    ...(minChangePp === undefined ? {} : { minChangePp }),
  };
});

/** The indicator with a local id, or undefined. */
export function sfhIndicator(id: string): SfhIndicator | undefined {
  return SFH_INDICATORS.find((i) => i.id === id);
}
