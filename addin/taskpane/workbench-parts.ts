/**
 * Parts of the workbench drawn outside the views: the sign-in screen, the question asked
 * before a second document of a kind is made for a unit, and the two dialogs that take a view's
 * place (adopting a sheet, pulling an indicator table). Template functions only; the shell
 * element (`samplan-workbench.ts`) keeps the state and passes what each part shows and does.
 */
import { html, type TemplateResult } from 'lit';
import type { DocumentInfo, TemplateName, UnitInfo } from './api-client.js';
import { eword } from './explorer-strings.js';
import type { SessionController } from './session-controller.js';
import type { Lang } from './strings.js';
import type { PullChoices } from '../indicators/pull-choices.js';
import type { PullRequest } from '../indicators/samplan-pull-dialog.js';
import '../indicators/samplan-pull-dialog.js';
import type { ExcelRun } from './ports.js';
import type { AdoptRequest } from './samplan-adopt.js';
import './samplan-adopt.js';
import './samplan-sign-in.js';

/** A second document of a kind for a unit, waiting for the person to say open or make it. */
export interface Twin {
  template: TemplateName;
  existing: DocumentInfo;
}

/** "There is already …": open the existing one, make another anyway, or cancel. */
export function renderTwin(
  twin: Twin,
  units: readonly UnitInfo[],
  lang: Lang,
  on: { open(existing: DocumentInfo): void; createAnyway(template: TemplateName): void; cancel(): void },
): TemplateResult {
  const unit = units.find((u) => u.code === twin.existing.ownerUnit)?.name ?? twin.existing.ownerUnit ?? '';
  const question = eword('twin', lang, { title: twin.existing.title, unit });
  return html`<div class="notice warn" role="alertdialog" id="twin" aria-label=${question}>
    <p>${question}</p>
    <div class="twin-actions">
      <fluent-button appearance="accent" id="open-existing" @click=${() => on.open(twin.existing)}>${eword('openExisting', lang)}</fluent-button>
      <fluent-button id="create-anyway" @click=${() => on.createAnyway(twin.template)}>${eword('createAnyway', lang)}</fluent-button>
      <fluent-button id="cancel-twin" @click=${() => on.cancel()}>${eword('cancel', lang)}</fluent-button>
    </div>
  </div>`;
}

/** The sign-in screen, with the session's error and why an earlier session ended. */
export function renderSignIn(
  session: SessionController,
  opts: { lang: Lang; serverUrl: string; accountSignIn: boolean; returnTo: string },
): TemplateResult {
  return html`<main>
    <samplan-sign-in
      .lang=${opts.lang}
      .serverUrl=${session.api?.serverUrl ?? opts.serverUrl}
      .error=${session.error}
      .notice=${session.closedWith}
      .unconfirmed=${session.signedOutUnconfirmed?.[opts.lang] ?? null}
      ?retrying=${session.retrying !== null}
      ?busy=${session.state === 'signing-in'}
      ?account-sign-in=${opts.accountSignIn}
      @samplan-sign-in=${(e: CustomEvent<{ serverUrl: string; token: string }>) => void session.signIn(e.detail.serverUrl, e.detail.token)}
      @samplan-account-sign-in=${() => void session.signInWithAccount(opts.serverUrl, opts.returnTo || undefined)}
    ></samplan-sign-in>
  </main>`;
}

/** What the adopt and pull dialogs report back to. */
export interface DialogActions {
  run: ExcelRun | null;
  adopt(request: AdoptRequest): Promise<void>;
  choices(): Promise<PullChoices>;
  pull(request: PullRequest): void;
  cancel(): void;
}

/** "Gör till delat dokument" or the indicator chooser, in the place of the current view. */
export function renderDialog(which: 'adopt' | 'pull', lang: Lang, on: DialogActions): TemplateResult {
  return which === 'adopt'
    ? html`<samplan-adopt .lang=${lang} .run=${on.run} .adopt=${on.adopt} @samplan-cancel=${() => on.cancel()}></samplan-adopt>`
    : html`<samplan-pull-dialog
        .lang=${lang}
        .loadChoices=${on.choices}
        @samplan-pull=${(e: CustomEvent<PullRequest>) => on.pull(e.detail)}
        @samplan-cancel=${() => on.cancel()}
      ></samplan-pull-dialog>`;
}
