/**
 * Parts of the workbench drawn outside the views: the sign-in screen and the two dialogs that
 * take a view's place (adopting a sheet, pulling an indicator table). Template functions only; the
 * shell element (`samplan-workbench.ts`) keeps the state and passes what each part shows and does.
 */
import { html, type TemplateResult } from 'lit';
import type { SessionController } from './session-controller.js';
import type { Lang } from './strings.js';
import type { PullChoices } from '../indicators/pull-choices.js';
import type { PullRequest } from '../indicators/samplan-pull-dialog.js';
import '../indicators/samplan-pull-dialog.js';
import type { ExcelRun } from './ports.js';
import type { AdoptRequest } from './samplan-adopt.js';
import type { DocumentInfo, UnitInfo } from './api-client.js';
import './samplan-adopt.js';
import './samplan-sign-in.js';

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
  /** Adopts; resolves `{ twin }` when a look-alike is to be asked about first (nothing made). */
  adopt(request: AdoptRequest): Promise<{ twin: DocumentInfo } | null>;
  /** The workspace's units, naming the look-alike's unit. */
  units: readonly UnitInfo[];
  /** Opens a document the person chose instead (the look-alike). */
  open(doc: DocumentInfo): void;
  choices(): Promise<PullChoices>;
  pull(request: PullRequest): void;
  cancel(): void;
}

/** "Gör till delat dokument" or the indicator chooser, in the place of the current view. */
export function renderDialog(which: 'adopt' | 'pull', lang: Lang, on: DialogActions): TemplateResult {
  return which === 'adopt'
    ? html`<samplan-adopt
        .lang=${lang}
        .run=${on.run}
        .adopt=${on.adopt}
        .units=${on.units}
        @samplan-open-document=${(e: CustomEvent<DocumentInfo>) => on.open(e.detail)}
        @samplan-cancel=${() => on.cancel()}
      ></samplan-adopt>`
    : html`<samplan-pull-dialog
        .lang=${lang}
        .loadChoices=${on.choices}
        @samplan-pull=${(e: CustomEvent<PullRequest>) => on.pull(e.detail)}
        @samplan-cancel=${() => on.cancel()}
      ></samplan-pull-dialog>`;
}
