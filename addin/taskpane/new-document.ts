/**
 * What "new from template" creates: the templates offered, which unit owns the new document and
 * what it is called (a kind's title from its definition in `shared/schema`).
 */
import { isDocKind, kindDef } from '../../shared/schema/index.js';
import type { Me, TemplateName, UnitInfo } from './api-client.js';
import type { Lang } from './strings.js';

/** The templates offered, in the order shown (the Explorer's buttons, the palette's "new" commands). */
export const TEMPLATES: readonly TemplateName[] = ['activity-plan', 'partners', 'indicator-values'];

/** The kind's title in `lang`, or the raw kind for one this build does not know. */
export function kindTitle(kind: string, lang: Lang): string {
  return isDocKind(kind) ? kindDef(kind).title[lang] : kind;
}

/**
 * The owner and title of a new document: the member's own (first) unit, so "activity plan for
 * my clinic" is the clinic's; the top unit for members without one. Null when the workspace has
 * no units at all.
 */
export function newDocumentTarget(
  template: TemplateName,
  me: Me | null,
  units: readonly UnitInfo[],
  lang: Lang,
  year = new Date().getFullYear(),
): { ownerUnit: string; title: string } | null {
  const unit = units.find((u) => u.code === me?.units[0]) ?? units.find((u) => u.parent === null) ?? units[0];
  return unit ? { ownerUnit: unit.code, title: `${kindTitle(template, lang)} ${unit.name} ${year}` } : null;
}

/** Offers `file` as a download (export); in Office the webview saves or opens it. */
export function saveFile(name: string, file: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
