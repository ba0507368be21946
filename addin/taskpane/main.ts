/**
 * Entry of `taskpane.html`: waits for Office when the page runs inside Office, picks the
 * language, and mounts the workbench with the real engines and `Excel.run`. Outside Office (a
 * plain browser tab) the pane still signs in and lists documents; binding needs a workbook.
 */
import './zod-jitless.js';
import '../functions/register.js';
import { registerFluent } from './fluent.js';
import { readFragment } from './account-sign-in.js';
import { associateActions, type OfficeActionsApi } from './office-actions.js';
import { realPorts } from './real-ports.js';
import './samplan-workbench.js';
import { langFromDisplayLanguage } from './strings.js';

/** Office's `onReady`, or at once when Office.js is not on the page. */
async function officeReady(): Promise<{ inExcel: boolean; displayLanguage: string | null }> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return { inExcel: false, displayLanguage: null };
  const info = await office.onReady();
  return {
    inExcel: info.host === office.HostType.Excel,
    displayLanguage: office.context?.displayLanguage ?? null,
  };
}

async function start(): Promise<void> {
  registerFluent();
  const { inExcel, displayLanguage } = await officeReady();
  const pane = document.createElement('samplan-workbench');
  pane.lang = langFromDisplayLanguage(displayLanguage ?? new URLSearchParams(location.search).get('lang'));
  pane.ports = realPorts({ offlineStore: true, lang: () => pane.lang });
  pane.storageKey = 'samplan.session';
  pane.globalShortcuts = true;
  // A work-account sign-in in a browser tab leaves the page and comes back with the hand-off code
  // (or the provider's refusal) in the fragment: the pane redeems it as it starts, and the
  // fragment leaves the address bar so that a reload does not redeem the spent code again.
  if (readFragment(location.hash) !== null) {
    pane.handoff = location.hash;
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  if (inExcel) {
    pane.run = (batch) => Excel.run(batch);
    associateActions(
      Office as unknown as OfficeActionsApi,
      () => {
        if (pane.session.state === 'signed-in') pane.paletteOpen = true;
      },
      () => void pane.runCommand('pull'),
    );
  }
  document.documentElement.lang = pane.lang;
  pane.addEventListener('samplan-language', () => (document.documentElement.lang = pane.lang));
  document.body.append(pane);
}

void start();
