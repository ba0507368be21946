/** The words of the styrgrupp report and the pane's round views, in Swedish and English. */
import type { Localized } from '../schema/types.js';

/** Every label the report uses, keyed by a stable id. */
// Headers of the report's columns of figures carry soft hyphens (\u00AD, unseen unless a line
// breaks there), so a narrow column on A4 breaks them as "Genom-/förda", never mid-syllable.
export const REPORT_WORDS = {
  title: { sv: 'Styrgruppsrapport', en: 'Steering group report' },
  county: { sv: 'Hela länet', en: 'The whole county' },
  period: { sv: 'Period', en: 'Period' },
  due: { sv: 'Sista dag', en: 'Due' },
  generated: { sv: 'Skapad', en: 'Generated' },
  closedSince: { sv: 'Omgången är stängd sedan', en: 'The round is closed since' },
  closedMeaning: { sv: 'inget kan skickas in eller ändras i den', en: 'nothing can be submitted or changed in it' },
  closedReason: { sv: 'Motivering', en: 'Reason' },
  // An interim round (RoundDef.interim) is due before its period ends: its figures are of part of
  // the period, which a styrgrupp reading the report must not take for the final follow-up.
  interimLabel: { sv: 'delavstämning', en: 'interim' },
  interimNote: {
    sv: 'Delavstämning: sista dagen ligger inom perioden, så siffrorna gäller en del av perioden och är inte den slutliga uppföljningen.',
    en: 'Interim round: its due date lies inside the period, so the figures are of part of the period, not the final follow-up.',
  },
  statusSection: { sv: 'Inrapportering per enhet', en: 'Reporting per unit' },
  unit: { sv: 'Enhet', en: 'Unit' },
  status: { sv: 'Status', en: 'Status' },
  reported: { sv: 'Inrappor\u00ADterat', en: 'Reported' },
  problems: { sv: 'Problem kvar', en: 'Problems left' },
  overdue: { sv: 'försenad', en: 'overdue' },
  planSection: { sv: 'Planerat och genomfört', en: 'Planned and done' },
  type: { sv: 'Aktivitetstyp', en: 'Activity type' },
  planned: { sv: 'Plane\u00ADrade', en: 'Planned' },
  held: { sv: 'Genom\u00ADförda', en: 'Held' },
  cancelled: { sv: 'In\u00ADställda', en: 'Can\u00ADcelled' },
  participantsPlanned: { sv: 'Delta\u00ADgare planerat', en: 'Partici\u00ADpants planned' },
  participantsReached: { sv: 'Delta\u00ADgare nådda', en: 'Partici\u00ADpants reached' },
  total: { sv: 'Totalt', en: 'Total' },
  farSection: { sv: 'FaR – fysisk aktivitet på recept', en: 'FaR – physical activity on prescription' },
  farPrescribed: { sv: 'Förskrivna', en: 'Prescribed' },
  farFollowed: { sv: 'Uppföljda efter ca 6 mån', en: 'Followed up after about 6 months' },
  farBase: { sv: 'Att följa upp', en: 'To follow up' },
  farShare: { sv: 'Andel uppföljda', en: 'Share followed up' },
  indicatorSection: { sv: 'Indikatorer mot mål', en: 'Indicators against target' },
  indicator: { sv: 'Indikator', en: 'Indicator' },
  value: { sv: 'Värde', en: 'Value' },
  target: { sv: 'Mål', en: 'Target' },
  unitsReached: { sv: 'Enheter som nått målet', en: 'Units at target' },
  targetRule: {
    sv: 'Andelar och nivåer jämförs med målet som de är. Antal har ett mål per år (om inget annat anges) och jämförs i proportion: summan från januari till periodens slut mot målet × månader med värde ÷ 12, så kvartal 2 mot halva årsmålet och hela året mot hela målet. Månader utan värde räknas inte.',
    en: 'Shares and levels are compared with the target as they are. Counts have a target per year (unless stated otherwise) and are compared pro rata: the sum from January to the end of the period against the target × months with a value ÷ 12, so quarter 2 against half the annual target and the year against the full target. Months without a value are left out.',
  },
  maturitySection: { sv: 'Länets självskattning', en: "The county's self-assessment" },
  maturityQuestion: {
    sv: 'Prövas och införs hälsofrämjande och förebyggande angreppssätt i större skala i länet?',
    en: 'Are health-promoting and preventive approaches tried and introduced at larger scale in the county?',
  },
  maturityNone: { sv: 'Ingen placering angiven för omgången.', en: 'No placement given for the round.' },
  maturityHistory: { sv: 'Tidigare placeringar', en: 'Earlier placements' },
  problemsSection: { sv: 'Kvar att åtgärda', en: 'Left to fix' },
  missingRows: { sv: 'rader att fylla i', en: 'rows to fill in' },
  missingValues: { sv: 'saknade värden', en: 'missing values' },
  nothingLeft: { sv: 'Inget kvar att åtgärda.', en: 'Nothing left to fix.' },
  wheelSection: { sv: 'Årshjul', en: 'Year wheel' },
  dueMarker: { sv: 'Sista dag för', en: 'Due:' },
  missing: { sv: 'saknas', en: 'missing' },
  noActivities: { sv: 'Inga aktiviteter i perioden.', en: 'No activities in the period.' },
  activitiesNotAsked: { sv: 'Omgången följer inte upp aktiviteter.', en: 'The round does not follow up activities.' },
  unreadableSection: { sv: 'Dokument som inte kunde läsas', en: 'Documents that could not be read' },
  unreadableMeaning: {
    sv: 'Rapporten är gjord utan dem: siffrorna nedan kommer från de dokument som gick att läsa.',
    en: 'The report is made without them: the figures below come from the documents that could be read.',
  },
  uppnatt: { sv: 'uppnått', en: 'reached' },
  'pa-vag': { sv: 'på väg', en: 'on the way' },
  'ej-pa-vag': { sv: 'ej på väg', en: 'not on the way' },
} as const satisfies Record<string, Localized>;

/** A key of {@link REPORT_WORDS}. */
export type ReportWord = keyof typeof REPORT_WORDS;
