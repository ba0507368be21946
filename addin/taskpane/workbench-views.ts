/**
 * The workbench's views as one template function, so the shell element keeps only state
 * and actions. Each view gets exactly what it shows and reports back through `on`.
 */
import { html, type TemplateResult } from 'lit';
import type { Problem } from '../../shared/validate/problem.js';
import type { IndicatorTableSource } from '../indicators/indicator-source.js';
import type { UnitNames } from '../indicators/unit-names.js';
import '../indicators/samplan-indicators-view.js';
import type { DocumentInfo, TemplateName } from './api-client.js';
import type { RestoreRequest } from './samplan-history.js';
import type { DocumentChange } from './samplan-explorer.js';
import type { DocumentsController, OpenDoc } from './documents-controller.js';
import type { Peer } from './doc-presence.js';
import type { ViewId } from './samplan-activity-bar.js';
import type { SessionController } from './session-controller.js';
import { rowLabeler } from './row-labels.js';
import type { Lang } from './strings.js';
import { MembersClient } from './members-client.js';
import './samplan-explorer.js';
import './samplan-members.js';
import './samplan-history.js';
import './samplan-people.js';
import './samplan-comments.js';
import './samplan-problems.js';
import './samplan-rounds.js';
import './samplan-rollup.js';
import './samplan-action-plan.js';
import './samplan-year-wheel.js';
import './samplan-round-pull.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import { RoundsClient } from './rounds-client.js';
import { rowShower } from './row-jump.js';
import type { MissingRequest } from './missing-rows.js';
import { showMissing } from './show-missing.js';
import { hasRefusedChanges, refusedChangesActions, type RefusedChangesActions } from './refused-changes-actions.js';
import './samplan-refused-changes.js';

/** What {@link renderView} draws from. */
export interface ViewInputs {
  view: ViewId;
  lang: Lang;
  session: Pick<SessionController, 'api' | 'workspace' | 'workspaces' | 'me' | 'units'>;
  docs: DocumentsController;
  problems: Problem[];
  docsRevision: number;
  historyRevision: number;
  /** The live indicator source (opened on first use) and the live unit names. */
  indicators: { source(): Promise<IndicatorTableSource>; names: UnitNames };
  /** Excel's `run` (the emulator's in the playground); null outside Excel. */
  run: ExcelRun | null;
  on: {
    documents(docs: DocumentInfo[]): void;
    /** Open a document and bind it to a sheet; resolves once it is bound. */
    open(info: DocumentInfo): Promise<void> | void;
    create(template: TemplateName): void;
    /** "Gör till delat dokument" for the selected sheet. */
    adopt(): void;
    workspace(id: string): void;
    selectProblem(problem: Problem): void;
    /** The person closed a problem offering their text back (`samplan-dismiss-problem`). */
    dismissProblem(problem: Problem): void;
    showRow(peer: Peer): void;
    restore(version: RestoreRequest): void;
    pull(): void;
    documentChanged(change: DocumentChange): void;
  };
}

/** The current view of the workbench. */
export function renderView(i: ViewInputs): TemplateResult {
  const { api, workspace, workspaces, me, units } = i.session;
  const active = i.docs.active;
  const openDocs = i.docs.docs.map((d) => ({ id: d.info.id, title: d.info.title, kind: d.info.kind }));
  switch (i.view) {
    case 'explorer':
      return html`<samplan-explorer
        .lang=${i.lang}
        .api=${api}
        .workspaces=${workspaces}
        .workspace=${workspace}
        .openIds=${new Set(openDocs.map((d) => d.id))}
        .revision=${i.docsRevision}
        .canCreate=${me?.role !== 'viewer'}
        .memberRole=${me?.role ?? null}
        .memberUnits=${me?.units ?? []}
        .units=${units}
        @samplan-pull-indicators=${() => i.on.pull()}
        @samplan-document-changed=${(e: CustomEvent<DocumentChange>) => i.on.documentChanged(e.detail)}
        @samplan-documents=${(e: CustomEvent<DocumentInfo[]>) => i.on.documents(e.detail)}
        @samplan-open-document=${(e: CustomEvent<DocumentInfo>) => i.on.open(e.detail)}
        @samplan-create-document=${(e: CustomEvent<TemplateName>) => i.on.create(e.detail)}
        @samplan-adopt-sheet=${() => i.on.adopt()}
        @samplan-workspace=${(e: CustomEvent<string>) => i.on.workspace(e.detail)}
      ></samplan-explorer>
      ${api && workspace
        ? html`<samplan-round-pull style="padding: 0 12px" .lang=${i.lang} .client=${roundsClientFor(api.serverUrl, api.token, workspace)} .run=${i.run} .units=${units}></samplan-round-pull>`
        : null}`;
    case 'problems':
      return html`<samplan-refused-changes
          .lang=${i.lang}
          .docs=${i.docs.docs.filter(hasRefusedChanges).map((d) => ({ id: d.info.id, title: d.info.title }))}
          .actions=${refusedActionsFor(i)}
        ></samplan-refused-changes>
        <samplan-problems
        .lang=${i.lang}
        .problems=${i.problems}
        .docs=${[...i.docs.docs.map((d) => ({ ...d.info, rowLabel: rowLabeler(d.ydoc, d.info.kind, i.lang, d.binding?.sheetRow?.bind(d.binding)) })), ...i.docs.closedEdits.titled()]}
        @samplan-select-problem=${(e: CustomEvent<Problem>) => i.on.selectProblem(e.detail)}
        @samplan-dismiss-problem=${(e: CustomEvent<Problem>) => i.on.dismissProblem(e.detail)}
      ></samplan-problems>`;
    case 'people':
      return html`<samplan-people
        .lang=${i.lang}
        .peers=${i.docs.peers(me, i.lang)}
        ?has-document=${openDocs.length > 0}
        @samplan-show-row=${(e: CustomEvent<Peer>) => i.on.showRow(e.detail)}
      ></samplan-people>`;
    case 'comments':
      return html`<samplan-comments
        .lang=${i.lang}
        .api=${api}
        .workspace=${active?.workspace ?? null}
        .doc=${active?.ydoc ?? null}
        .kind=${active?.info.kind ?? ''}
        .rowId=${selectedRow(active)}
        .me=${me}
        .readOnlyReason=${active?.readOnlyReason ?? null}
        @samplan-comment-row=${(e: CustomEvent<string>) => active && void i.docs.showRow(active.info.id, e.detail)}
      ></samplan-comments>`;
    case 'history':
      return html`<samplan-history
        .lang=${i.lang}
        .api=${api}
        .workspace=${active?.workspace ?? null}
        .doc=${active?.info.id ?? null}
        .ydoc=${active?.ydoc ?? null}
        .sync=${active?.sync ?? null}
        .kind=${active?.info.kind ?? null}
        .me=${me?.memberId ?? null}
        .units=${units}
        .partners=${i.docs.partnerList()}
        .revision=${i.historyRevision}
        ?read-only=${active?.readOnly ?? true}
        @samplan-restore-version=${(e: CustomEvent<RestoreRequest>) => i.on.restore(e.detail)}
      ></samplan-history>`;
    case 'rounds':
      return html`<samplan-rounds
        .lang=${i.lang}
        .run=${i.run}
        .client=${api && workspace ? roundsClientFor(api.serverUrl, api.token, workspace) : null}
        .units=${units}
        .memberRole=${me?.role ?? null}
        .myUnits=${me?.units ?? []}
        @samplan-show-missing=${(e: CustomEvent<MissingRequest>) =>
          api && workspace && void showMissing(e.detail, {
            documents: () => api.documents(workspace),
            docs: i.docs,
            open: i.on.open,
            showRow: rowShower({ session: i.session, docs: i.docs, open: i.on.open }),
          })}
      ></samplan-rounds>`;
    case 'rollup':
      return html`<samplan-rollup
        .lang=${i.lang}
        .client=${api && workspace ? roundsClientFor(api.serverUrl, api.token, workspace) : null}
        .units=${units}
        .openUnit=${async (unit: string) => {
          if (!api || !workspace) return false;
          const plan = (await api.documents(workspace)).find((d) => d.kind === 'activity-plan' && d.ownerUnit === unit && !d.archivedAt);
          if (plan) await i.on.open(plan);
          return plan !== undefined;
        }}
      ></samplan-rollup>`;
    case 'indicators':
      return html`<samplan-indicators-view
        .lang=${i.lang}
        .open=${indicatorsOpener(i.indicators)}
        .units=${units}
        .names=${i.indicators.names}
        @samplan-pull-indicators=${() => i.on.pull()}
      ></samplan-indicators-view>`;
    case 'plan':
      return html`<samplan-action-plan
        .lang=${i.lang}
        .client=${api && workspace ? roundsClientFor(api.serverUrl, api.token, workspace) : null}
        .units=${units}
        .memberRole=${me?.role ?? null}
        .showRow=${rowShower({ session: i.session, docs: i.docs, open: i.on.open })}
      ></samplan-action-plan>`;
    case 'year':
      return html`<samplan-year-wheel
        .lang=${i.lang}
        .client=${api && workspace ? roundsClientFor(api.serverUrl, api.token, workspace) : null}
        .units=${units}
        .showRow=${rowShower({ session: i.session, docs: i.docs, open: i.on.open })}
      ></samplan-year-wheel>`;
    case 'members':
      return html`<samplan-members
        .lang=${i.lang}
        .client=${api && workspace ? membersClientFor(api.serverUrl, api.token, workspace) : null}
        .units=${units}
        my-role=${me?.role ?? 'viewer'}
        my-id=${me?.memberId ?? ''}
      ></samplan-members>`;
  }
}

/** The row the person has selected in the active document's sheet (shared as presence), or null. */
function selectedRow(doc: OpenDoc | null): string | null {
  const awareness = doc?.sync.awareness;
  const row: unknown = awareness?.getStates().get(awareness.clientID)?.row;
  return typeof row === 'string' ? row : null;
}

let lastClient: { key: string; client: MembersClient } | null = null;

/** One client per server, credential and workspace, so re-rendering does not reload the view. */
function membersClientFor(serverUrl: string, token: string, workspace: string): MembersClient {
  const key = `${serverUrl}\u0000${token}\u0000${workspace}`;
  if (lastClient?.key !== key) lastClient = { key, client: new MembersClient(serverUrl, token, workspace) };
  return lastClient.client;
}

let lastOpener: { of: ViewInputs['indicators']; open: () => Promise<IndicatorTableSource> } | null = null;

/** One opener per controller, so re-rendering the view does not open the source again. */
function indicatorsOpener(indicators: ViewInputs['indicators']): () => Promise<IndicatorTableSource> {
  if (lastOpener?.of !== indicators) lastOpener = { of: indicators, open: () => indicators.source() };
  return lastOpener.open;
}

let lastRefused: { docs: DocumentsController; api: unknown; run: ExcelRun | null; lang: Lang; actions: RefusedChangesActions } | null = null;

/** One set of actions per controller, server and workbook, so re-rendering keeps the view's steps. */
function refusedActionsFor(i: ViewInputs): RefusedChangesActions {
  const api = i.session.api;
  if (lastRefused?.docs !== i.docs || lastRefused.api !== api || lastRefused.run !== i.run) {
    const made: NonNullable<typeof lastRefused> = { docs: i.docs, api, run: i.run, lang: i.lang, actions: refusedChangesActions({ docs: i.docs, api, run: i.run, lang: () => made.lang }) };
    lastRefused = made;
  }
  lastRefused.lang = i.lang;
  return lastRefused.actions;
}

let lastRounds: { key: string; client: RoundsClient } | null = null;

/** One rounds client per server, credential and workspace, as for members. */
export function roundsClientFor(serverUrl: string, token: string, workspace: string): RoundsClient {
  const key = `${serverUrl}\u0000${token}\u0000${workspace}`;
  if (lastRounds?.key !== key) lastRounds = { key, client: new RoundsClient(serverUrl, token, workspace) };
  return lastRounds.client;
}
