/**
 * The question asked before a look-alike document is made or named: the server refuses a title
 * that looks like another live document's of the same kind and unit (409 `doc-duplicate`, on
 * create, rename and copy alike) unless `allowDuplicate` is sent. One flow for the three: send;
 * on that refusal ask "open the one there is, do it anyway, or cancel"; "anyway" sends again with
 * `allowDuplicate`. A creation (from a template or by adopting a sheet) also asks before sending
 * when the pane already lists the unit's document of the kind (`ahead`, {@link listedTwin}).
 */
import { css, html, type TemplateResult } from 'lit';
import type { DocumentInfo, UnitInfo } from './api-client.js';
import { eword } from './explorer-strings.js';
import { duplicateOf } from './notice.js';
import type { Lang } from './strings.js';

/** What the person asked for when the look-alike was found. */
export type TwinAction = 'create' | 'rename' | 'copy';

/** A look-alike waiting for the person to say open it, do it anyway, or cancel. */
export interface Twin {
  action: TwinAction;
  existing: DocumentInfo;
}

/** What sending gave: the document made or renamed (`done`), or the look-alike to ask about (`twin`). */
export type TwinOutcome<T> = { done: T; twin?: never } | { twin: DocumentInfo; done?: never };

/**
 * The document the pane lists that a new one of `kind` for `ownerUnit` would twin: a live (not
 * archived) one of the same kind and unit, whatever its title. Creating from a template and
 * adopting a sheet ask about it before anything is sent (`ahead` of {@link sendAskingTwin}), in the
 * same words: a unit keeps one activity plan (or partner list) a year, and a second is more often
 * a slip than meant.
 */
export function listedTwin(known: readonly DocumentInfo[], kind: string, ownerUnit: string | null): DocumentInfo | undefined {
  return known.find((d) => d.kind === kind && d.ownerUnit === ownerUnit && !d.archivedAt);
}

/**
 * Sends a creation, rename or copy with `send` (its argument: `allowDuplicate`). Without
 * `allowDuplicate`, `ahead` (a document the pane knows this would twin) is asked about before
 * anything is sent, and the server's `doc-duplicate` refusal becomes the document it named, of
 * `like`'s kind and unit (the record from `known` when the pane lists it). Any other failure rejects.
 */
export async function sendAskingTwin<T>(
  send: (allowDuplicate: boolean) => Promise<T>,
  opts: { allowDuplicate: boolean; like: Pick<DocumentInfo, 'kind' | 'ownerUnit'>; ahead?: DocumentInfo | undefined; known?: readonly DocumentInfo[] },
): Promise<TwinOutcome<T>> {
  if (opts.ahead && !opts.allowDuplicate) return { twin: opts.ahead };
  try {
    return { done: await send(opts.allowDuplicate) };
  } catch (err) {
    const named = duplicateOf(err);
    if (!named) throw err;
    const listed = opts.known?.find((d) => d.id === named.id);
    return { twin: listed ?? { ...named, kind: opts.like.kind, ownerUnit: opts.like.ownerUnit, updatedAt: null } };
  }
}

/** "There already is …": open the existing one, do it anyway (`#create-anyway`, `#rename-anyway`, `#copy-anyway`), or cancel. */
export function renderTwin(
  twin: Twin,
  units: readonly UnitInfo[],
  lang: Lang,
  on: { open(existing: DocumentInfo): void; anyway(): void; cancel(): void },
): TemplateResult {
  const unit = units.find((u) => u.code === twin.existing.ownerUnit)?.name ?? twin.existing.ownerUnit ?? '';
  const question = eword(twin.action === 'rename' ? 'twinRename' : 'twin', lang, { title: twin.existing.title, unit });
  return html`<div class="notice warn" role="alertdialog" id="twin" aria-label=${question}>
    <p>${question}</p>
    <div class="twin-actions">
      <fluent-button appearance="accent" id="open-existing" @click=${() => on.open(twin.existing)}>${eword('openExisting', lang)}</fluent-button>
      <fluent-button id=${`${twin.action}-anyway`} @click=${() => on.anyway()}>${eword(twin.action === 'rename' ? 'renameAnyway' : 'createAnyway', lang)}</fluent-button>
      <fluent-button id="cancel-twin" @click=${() => on.cancel()}>${eword('cancel', lang)}</fluent-button>
    </div>
  </div>`;
}

/** The question's own styles, in each element that draws it (the workbench and the explorer). */
export const twinStyles = css`
  #twin p {
    margin: 0 0 6px;
  }
  .twin-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
`;
