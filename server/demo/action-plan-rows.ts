/**
 * The demo county's action plan (handlingsplan): one or more measures under each of the four
 * perspectives of health-promoting care, worded as the examples of seed 003 (Vårdgivarguiden,
 * "Hälsofrämjande hälso- och sjukvård beskrivs i fyra perspektiv"). Most rows are the region's;
 * one belongs to Tensta vårdcentral, so its editor owns a row. Dates fall in 2025–2026.
 */
import type { RowValues } from '../../shared/schema/types.js';

/** The plan's rows; `region` is the county's own unit code. */
export function actionPlanRows(region: string): RowValues[] {
  const row = (unit: string, perspective: string, measure: string, startDate: string, endDate: string, status: string, responsible: string): RowValues => ({
    unit,
    perspective,
    measure,
    startDate,
    endDate,
    status,
    responsible,
  });
  return [
    row(region, 'individ-patient', 'Vid samtal om levnadsvanor inleds samtalet med att utforska individens egen motivation till förändring', '2025-02-01', '2025-12-31', 'pagaende', 'Samordnare hälsofrämjande insatser'),
    row('vc-tensta', 'individ-patient', 'Vid kronisk sjukdom finns etablerad struktur för utbildning och introduktion till egenvård', '2025-09-01', '2026-06-30', 'planerad', 'Distriktssköterska'),
    row(region, 'befolkning', 'Hälso- och sjukvården erbjuder befolkningsgrupper med sämre hälsoutveckling olika former av hälsosamtal', '2025-01-15', '2026-12-31', 'pagaende', 'Samordnare hälsofrämjande insatser'),
    row(region, 'befolkning', 'Hälso- och sjukvården samverkar med lokal förening eller kyrka för att sprida kunskap om hälsa', '2025-03-01', '2025-11-30', 'genomford', 'Samordnare hälsofrämjande insatser'),
    row(region, 'medarbetare', 'Frågan om balans arbete – fritid lyfts i medarbetarsamtal', '2025-04-01', '2025-06-30', 'genomford', 'Verksamhetschef'),
    row(region, 'medarbetare', 'Rökfri arbetstid, och rökavvänjning finns att tillgå för medarbetare', '2025-08-15', '2026-03-31', 'planerad', 'Verksamhetschef'),
    row(region, 'styrning-ledning', 'Det hälsofrämjande perspektivet är tydligt i lokala handlingsplaner', '2025-01-01', '2025-12-31', 'pagaende', 'Styrgruppen'),
    row(region, 'styrning-ledning', 'Hälsofrämjande insatser lyfts i uppföljning', '2025-07-15', '2026-01-20', 'planerad', 'Styrgruppen'),
  ];
}
