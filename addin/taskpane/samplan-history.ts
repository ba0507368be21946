/**
 * `<samplan-history>`: the active document's history as people read it — one entry per author
 * and burst of edits, each cell before → after in words — a past version to look at, and a
 * restore that first shows which later edits by others it would undo, and can restore one row or
 * the whole version. Restoring never rewrites history: the workbench writes the old rows into the
 * live document as one new change. A stored change the server could not read (its bytes are
 * damaged) is named above the list, with its time and author, in the server's words.
 *
 * Given the open document (`ydoc`), the list follows it (`doc-follow.ts`): an edit by someone else
 * appears once the document has been quiet for `followDelay` ms, without reopening the view, and so
 * does the list of later edits a restore would undo; one's own edit also once the server confirms
 * it stored it (`sync`), however long that takes; the list shown stays until the new one is there.
 */
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatCell } from '../../shared/normalize/format-cell.js';
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import type { CellColumn, CellValue } from '../../shared/schema/types.js';
import { ApiError, type SamplanApi, type UnitInfo, type VersionInfo } from './api-client.js';
import type { DamagedChange, HistoryAnswer, HistoryGroup, LaterEdit } from './api-history.js';
import type { CodeNames } from './cell-words.js';
import { authorWords, byOthers, groupChanges, groupSummary, laterLine, unseenEdits } from './history-entry.js';
import { count, hword } from './history-strings.js';
import { errorText, str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { historyStyles } from './history-styles.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import type * as Y from 'yjs';
import { DocFollowController, type FollowSync } from './doc-follow.js';

/** A time as the History view shows it, e.g. `2026-11-25 14:03` in Swedish. */
export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A stored cell as the version table shows it: enum labels in the pane language, `x` for yes. */
export function shownValue(column: CellColumn, value: CellValue | undefined, lang: Lang): string {
  return String(formatCell(column, value ?? null, lang));
}

/** How many times a restore's check asks the server for the later edits at most (`chooseRestore`). */
const RESTORE_ASKS = 3;

/** What `samplan-restore-version` carries: the version, and the rows to restore (all when unset). */
export interface RestoreRequest extends VersionInfo {
  only?: string[];
  /** The restored row's name, for the notice. */
  rowLabel?: string;
}

/**
 * History view. Fires `samplan-restore-version` with a {@link RestoreRequest}.
 *
 * @example
 * html`<samplan-history .api=${api} workspace="hbi-stockholm" doc="plan-1" kind="activity-plan" .me=${'anna'}></samplan-history>`
 */
@customElement('samplan-history')
export class SamplanHistory extends LitElement {
  static override styles = [baseStyles, historyStyles];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) api: SamplanApi | null = null;
  @property() workspace: string | null = null;
  @property() doc: string | null = null;
  @property() kind: string | null = null;
  /** The signed-in member's id: a restore lists later edits by everyone else. */
  @property() me: string | null = null;
  /** The workspace's units, so unit codes show as names. */
  @property({ attribute: false }) units: readonly UnitInfo[] = [];
  /** The partner list, so partner ids show as names. */
  @property({ attribute: false }) partners: RefLookup | undefined = undefined;
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;
  /** Bump to reload (e.g. after a restore). */
  @property({ type: Number }) revision = 0;
  /** The open document `doc` names: its changes reload the list (and a restore's later edits). */
  @property({ attribute: false }) ydoc: Y.Doc | null = null;
  /** `ydoc`'s connection: own edits the server confirms reload the list; presence tells own edits made elsewhere. */
  @property({ attribute: false }) sync: FollowSync | null = null;
  /** How long the document must be quiet before the list is asked for again, in ms. */
  @property({ attribute: false }) followDelay = 800;
  /** Bumped when the followed document changed. */
  @state() private followed = 0;
  @state() private viewing: number | null = null;
  @state() private restoring: number | null = null;
  @state() private expanded = new Set<number>();
  /** Why the last restore chosen was not made: the list had changed, or could not be asked for again. */
  @state() private restoreNote: { changed: true } | { failed: unknown } | null = null;
  /** A restore chosen, while the later edits are asked for again. */
  @state() private checking = false;

  private readonly follow = new DocFollowController(this, {
    doc: () => this.ydoc,
    sync: () => this.sync,
    me: () => this.me,
    delayMs: () => this.followDelay,
    changed: () => void this.followed++,
  });

  /** The history, with the document it is of (`workspace/doc`), so a reload keeps showing it while the next one comes. */
  private readonly history = new Task(this, {
    task: async ([api, workspace, doc]): Promise<{ of: string; answer: HistoryAnswer }> => ({
      of: `${workspace}/${doc}`,
      answer: api && workspace && doc ? await api.historyGroups(workspace, doc) : { groups: [], damaged: [] },
    }),
    args: () => [this.api, this.workspace, this.doc, this.revision, this.followed] as const,
  });

  private readonly version = new Task(this, {
    task: async ([api, workspace, doc, seq]): Promise<VersionInfo | null> =>
      api && workspace && doc && seq !== null ? api.version(workspace, doc, seq) : null,
    args: () => [this.api, this.workspace, this.doc, this.viewing ?? this.restoring] as const,
  });

  /** The later edits a restore of version `seq` would undo, with that version's number. */
  private readonly later = new Task(this, {
    task: async ([api, workspace, doc, seq]): Promise<{ seq: number; edits: LaterEdit[] } | null> =>
      api && workspace && doc && seq !== null ? { seq, edits: await api.laterEdits(workspace, doc, seq) } : null,
    args: () => [this.api, this.workspace, this.doc, this.restoring, this.followed] as const,
  });

  private get names(): CodeNames {
    return { units: new Map(this.units.map((u) => [u.code, u.name])), partners: this.partners };
  }

  private toggle(seq: number): void {
    const next = new Set(this.expanded);
    if (!next.delete(seq)) next.add(seq);
    this.expanded = next;
  }

  private openRestore(seq: number | null): void {
    this.restoring = seq;
    this.restoreNote = null;
  }

  /**
   * Restores once the later edits, asked for again now, hold none by others that the list shown
   * lacks: the list may be minutes old while colleagues edit, and a restore made on it would undo
   * their newer edits unseen. An edit from elsewhere that reached the open document while the
   * server was asked (of the row restored, or any row for the whole version) may be missing from
   * the server's answer, which can be made before that edit was stored: it counts as unseen too,
   * and the restore is written in the same turn as the check, so nothing lands in between. A
   * deletion arriving so names no writer: the server, asked again after it arrived, holds it with
   * its author, so one's own from another device does not stop the restore and a colleague's is
   * shown (up to {@link RESTORE_ASKS} asks while such deletions keep arriving).
   * Otherwise nothing is restored, the list is shown again and why is said.
   */
  private async chooseRestore(version: VersionInfo, shown: readonly LaterEdit[], only?: string[], rowLabel?: string): Promise<void> {
    const { api, workspace, doc } = this;
    if (!api || !workspace || !doc || this.checking) return;
    this.checking = true;
    const arrivals = this.follow.arrivals();
    const rows = only ?? null;
    try {
      let fresh = await api.laterEdits(workspace, doc, version.seq);
      for (let asked = 1; asked < RESTORE_ASKS && !arrivals.touched(rows) && arrivals.unsure(rows) && this.restoring === version.seq; asked++) {
        arrivals.settle();
        fresh = await api.laterEdits(workspace, doc, version.seq);
      }
      if (this.restoring !== version.seq) return;
      if (unseenEdits(shown, fresh, this.me, only).length > 0 || arrivals.touched(rows) || arrivals.unsure(rows)) {
        this.restoreNote = { changed: true };
        void this.later.run();
        return;
      }
      arrivals.stop();
      this.emitRestore(version, only, rowLabel);
    } catch (err) {
      this.restoreNote = { failed: err };
    } finally {
      arrivals.stop();
      this.checking = false;
    }
  }

  private emitRestore(version: VersionInfo, only?: string[], rowLabel?: string): void {
    const detail: RestoreRequest = only ? { ...version, only, rowLabel } : version;
    this.restoreNote = null;
    this.dispatchEvent(new CustomEvent<RestoreRequest>('samplan-restore-version', { detail, bubbles: true, composed: true }));
    this.restoring = null;
    this.viewing = null;
  }

  private renderVersion(version: VersionInfo | null) {
    if (!version) return null;
    const lang = this.lang;
    const columns = this.kind && isDocKind(this.kind) ? cellColumns(this.kind).slice(0, 4) : [];
    return html`<section class="version" aria-label=${str('history.version', lang, { seq: version.seq })}>
      <h3>${str('history.version', lang, { seq: version.seq })} · ${count('rows', version.rows.length, lang)}</h3>
      <div class="table-wrap">
        <table>
          <thead><tr>${columns.map((c) => html`<th>${c.header[lang]}</th>`)}</tr></thead>
          <tbody>
            ${version.rows.slice(0, 20).map((row) => html`<tr>${columns.map((c) => html`<td>${shownValue(c, row.values[c.key], lang)}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
      <div class="actions">
        ${this.readOnly
          ? null
          : html`<fluent-button appearance="accent" id="restore" @click=${() => (this.openRestore(version.seq), (this.viewing = null))}
              >${str('history.restore', lang)}</fluent-button
            >`}
        <fluent-button id="close-version" @click=${() => (this.viewing = null)}>${str('history.close', lang)}</fluent-button>
      </div>
    </section>`;
  }

  private renderRestore(version: VersionInfo | null, edits: LaterEdit[] | null) {
    if (!version || !edits) return html`<p class="empty" aria-busy="true">${str('explorer.loading', this.lang)}</p>`;
    const lang = this.lang;
    const others = edits.filter((e) => byOthers(e, this.me));
    const mine = edits.length - others.length;
    const rows = [...new Map(edits.map((e) => [e.rowId, e.rowLabel ?? hword('unnamedRow', lang)])).entries()];
    return html`<section class="version" id="restore-plan" aria-label=${hword('restoreTitle', lang, { seq: version.seq })}>
      <h3>${hword('restoreTitle', lang, { seq: version.seq })}</h3>
      ${this.renderRestoreNote()}
      ${edits.length === 0 ? html`<p>${hword('restoreNothing', lang)}</p>` : null}
      ${others.length > 0
        ? html`<p class="warn-text">${hword('restoreOthers', lang)}</p>
            <ul class="changes later" role="list">
              ${others.map((e) => html`<li data-row=${e.rowId}>${laterLine(e, this.kind, lang, this.names)}</li>`)}
            </ul>`
        : null}
      ${mine > 0 ? html`<p>${hword('restoreMine', lang, { changes: count('changes', mine, lang) })}</p>` : null}
      <ul class="row-restores" role="list">
        ${rows.map(
          ([id, label]) => html`<li>
            <span class="row-name">${label}</span>
            <fluent-button class="restore-row" data-row=${id} ?disabled=${this.checking} @click=${() => void this.chooseRestore(version, edits, [id], label)}>${hword('restoreRow', lang)}</fluent-button>
          </li>`,
        )}
      </ul>
      <div class="actions">
        <fluent-button appearance=${others.length > 0 ? 'outline' : 'accent'} id="restore-all" ?disabled=${this.checking} @click=${() => void this.chooseRestore(version, edits)}
          >${hword(others.length > 0 ? 'restoreAllAnyway' : 'restoreAll', lang)}</fluent-button
        >
        <fluent-button id="close-restore" @click=${() => this.openRestore(null)}>${str('history.close', lang)}</fluent-button>
      </div>
    </section>`;
  }

  private renderRestoreNote() {
    const note = this.restoreNote;
    if (!note) return null;
    const lang = this.lang;
    const words =
      'changed' in note
        ? hword('restoreChanged', lang)
        : hword('restoreCheckFailed', lang, { why: errorText(note.failed instanceof ApiError ? note.failed.kind : 'server', lang) });
    return html`<p class="error-text" role="alert" id="restore-note">${words}</p>`;
  }

  private renderGroup(g: HistoryGroup) {
    const lang = this.lang;
    const open = this.expanded.has(g.seq);
    const span = g.fromSeq === g.seq ? `#${g.seq}` : `#${g.fromSeq}–${g.seq}`;
    return html`<li data-seq=${g.seq}>
      <div class="head">
        <span class="who">
          <div class="author">${authorWords(g, lang)}</div>
          <div class="time"><time datetime=${g.at}>${formatTime(g.at, lang)}</time> · ${span} · <span class="summary">${groupSummary(g, lang)}</span></div>
        </span>
      </div>
      <div class="buttons">
        ${g.takenBack
          ? null
          : html`<fluent-button appearance="stealth" class="toggle" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggle(g.seq)}
              >${hword(open ? 'hideChanges' : 'showChanges', lang)}</fluent-button
            >`}
        <fluent-button appearance="stealth" class="view" @click=${() => ((this.viewing = g.seq), this.openRestore(null))}>${hword('viewVersion', lang)}</fluent-button>
      </div>
      ${open ? groupChanges(g, this.kind, lang, this.names) : null}
    </li>`;
  }

  /** A stored change the server could not read: when, by whom, and the server's words (the history is shown without it). */
  private renderDamaged(d: DamagedChange) {
    const lang = this.lang;
    return html`<p class="damaged error-text" role="alert" data-damaged-seq=${d.seq}>
      <time datetime=${d.at}>${formatTime(d.at, lang)}</time>${d.memberName || d.memberId ? html` · ${d.memberName ?? d.memberId}` : null}: ${d.message[lang]}
    </p>`;
  }

  override render() {
    const lang = this.lang;
    if (!this.doc) return html`<p class="empty">${str('history.noDocument', lang)}</p>`;
    const failed = (err: unknown) =>
      html`<p class="empty error-text" role="alert">${errorText(err instanceof ApiError ? err.kind : 'server', lang)}</p>`;
    const pending = () => html`<p class="empty">${str('explorer.loading', lang)}</p>`;
    return html`${this.viewing !== null ? this.version.render({ pending, complete: (v) => this.renderVersion(v), error: failed }) : null}
      ${this.restoring !== null ? this.renderLater(pending, failed) : null}
      ${this.renderHistory(failed)}`;
  }

  /** The restore's plan; while its later edits are asked for again (the document changed), the list shown stays. */
  private renderLater(pending: () => unknown, failed: (err: unknown) => unknown) {
    const plan = (answer: { seq: number; edits: LaterEdit[] } | null) => this.renderRestore(this.version.value ?? null, answer?.seq === this.restoring ? answer.edits : null);
    const shown = this.later.value;
    if (this.later.status === TaskStatus.PENDING && shown && shown.seq === this.restoring) return plan(shown);
    return this.later.render({ pending, complete: plan, error: failed });
  }

  /** The list; while it is asked for again (the document changed), the one shown stays. */
  private renderHistory(failed: (err: unknown) => unknown) {
    const lang = this.lang;
    const list = ({ groups, damaged }: HistoryAnswer) =>
      html`${damaged.map((d) => this.renderDamaged(d))}${groups.length === 0
        ? html`<p class="empty">${str('history.empty', lang)}</p>`
        : html`<ul role="list" id="changes">
            ${groups.map((g) => this.renderGroup(g))}
          </ul>`}`;
    const shown = this.history.value;
    if (this.history.status === TaskStatus.PENDING && shown && shown.of === `${this.workspace}/${this.doc}`) return list(shown.answer);
    return this.history.render({
      pending: () => html`<p class="empty" aria-busy="true">${str('explorer.loading', lang)}</p>`,
      complete: ({ answer }) => list(answer),
      error: failed,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-history': SamplanHistory;
  }
}
