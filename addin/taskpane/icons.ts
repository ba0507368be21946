/**
 * The pane's icons as inline SVG (16 px grid, `currentColor`), so they follow the theme and need
 * no network. Shapes after the VS Code codicons the workbench imitates.
 */
import { svg, type SVGTemplateResult } from 'lit';

function icon(path: SVGTemplateResult, label?: string): SVGTemplateResult {
  return svg`<svg viewBox="0 0 16 16" width="20" height="20" fill="none" stroke="currentColor"
    stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round"
    aria-hidden=${label ? 'false' : 'true'} role=${label ? 'img' : 'presentation'}>${label ? svg`<title>${label}</title>` : ''}${path}</svg>`;
}

/** Two stacked files. */
export const explorerIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M5 2.5h5l3 3v8h-8z"/><path d="M10 2.5v3h3"/><path d="M3 5v9.5h7"/>`);

/** A triangle with an exclamation mark. */
export const problemsIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M8 2 14.5 13.5h-13z"/><path d="M8 6.5v3.5M8 12v.2"/>`);

/** Two people. */
export const peopleIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="6" cy="5" r="2.3"/><path d="M1.8 13.5c.4-2.6 2.1-4 4.2-4s3.8 1.4 4.2 4"/><circle cx="11.3" cy="5.6" r="1.8"/><path d="M11 9.6c1.8 0 3 1.2 3.3 3.4"/>`);

/** A speech bubble: row comments. */
export const commentsIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M2.5 3.5h11v7.5H7l-3 2.5V11H2.5z"/><path d="M5 6.3h6M5 8.5h4"/>`);

/** A clock. */
export const historyIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="8" cy="8" r="6"/><path d="M8 4.5V8l2.5 1.5"/>`);

/** A checklist: the follow-up rounds. */
export const roundsIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M3 4l1 1 2-2M3 8.5l1 1 2-2M3 13l1 1 2-2"/><path d="M8 4.5h6M8 9h6M8 13.5h6"/>`);

/** Bars over a baseline: the county roll-up (Länssammanställning). */
export const rollupIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M2.5 13.5h11"/><path d="M4 13.5V8h2v5.5M7 13.5V4h2v9.5M10 13.5V6.5h2v7"/>`);

/** Four quadrants: the action plan's four perspectives. */
export const actionPlanIcon = (): SVGTemplateResult =>
  icon(svg`<rect x="2.5" y="2.5" width="11" height="11" rx="1"/><path d="M8 2.5v11M2.5 8h11"/>`);

/** A trend line over axes: the indicators. */
export const indicatorsIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M2.5 2.5v11h11"/><path d="M4.5 11l3-3.5 2 1.5 4-5"/>`);

/** A wheel of months: the årshjul. */
export const yearWheelIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="8" cy="8" r="6"/><circle cx="8" cy="8" r="2.2"/><path d="M8 2v3.8M8 10.2V14M2 8h3.8M10.2 8H14"/>`);

/** A circle with a cross: an error. */
export const errorIcon = (label: string): SVGTemplateResult =>
  icon(svg`<circle cx="8" cy="8" r="6" stroke="var(--samplan-error, #c42b1c)"/><path d="m5.8 5.8 4.4 4.4m0-4.4-4.4 4.4" stroke="var(--samplan-error, #c42b1c)"/>`, label);

/** A triangle: a warning. */
export const warningIcon = (label: string): SVGTemplateResult =>
  icon(svg`<path d="M8 2 14.5 13.5h-13z" stroke="var(--samplan-warning, #9d5d00)"/><path d="M8 6.5v3.5M8 12v.2" stroke="var(--samplan-warning, #9d5d00)"/>`, label);

/** A circle with an i: information. */
export const infoIcon = (label: string): SVGTemplateResult =>
  icon(svg`<circle cx="8" cy="8" r="6" stroke="var(--samplan-info, #0f6cbd)"/><path d="M8 7.2v4M8 4.8v.2" stroke="var(--samplan-info, #0f6cbd)"/>`, label);

/** A plus sign. */
export const addIcon = (): SVGTemplateResult => icon(svg`<path d="M8 3v10M3 8h10"/>`);

/** A table sheet. */
export const sheetIcon = (): SVGTemplateResult =>
  icon(svg`<rect x="2" y="3" width="12" height="10" rx="1"/><path d="M2 6.5h12M6 3v10"/>`);

/** A cloud, for the connection state. */
export const cloudIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M4.5 12.5h7a3 3 0 0 0 .4-6A4 4 0 0 0 4.2 7 2.8 2.8 0 0 0 4.5 12.5z"/>`);

/** A person, for the signed-in user. */
export const personIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="8" cy="5.2" r="2.6"/><path d="M3 14c.5-3 2.5-4.6 5-4.6s4.5 1.6 5 4.6"/>`);

/** Two people, for the Members view. */
export const membersIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="6" cy="5.5" r="2.3"/><path d="M1.8 13.5c.4-2.6 2-4 4.2-4s3.8 1.4 4.2 4"/><circle cx="11.3" cy="6" r="1.9"/><path d="M11 9.6c1.8 0 3 1.2 3.3 3.4"/>`);

/** Three dots: more views. */
export const moreIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="3.5" cy="8" r="1"/><circle cx="8" cy="8" r="1"/><circle cx="12.5" cy="8" r="1"/>`);
