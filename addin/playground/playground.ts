/**
 * The playground page (`/playground?a=<token>&b=<token>`): two emulated workbooks side by side,
 * each with its own Samplan pane signed in as a different person, live through the server that
 * serves the page. `samplan serve --demo` prints a ready link with two demo tokens.
 */
import '../taskpane/zod-jitless.js';
import { createWorkbook, CustomFunctionsRuntime, installExcelGlobal, type ExcelHost } from '../excel-emulator/index.js';
import { registerCustomFunctions } from '../functions/functions.js';
import { registerFluent } from '../taskpane/fluent.js';
import { realPorts } from '../taskpane/real-ports.js';
import type { SamplanWorkbench } from '../taskpane/samplan-workbench.js';
import '../taskpane/samplan-workbench.js';
import { langFromDisplayLanguage } from '../taskpane/strings.js';
import './samplan-grid.js';

/** What the page exposes on `window.samplan` for end-to-end tests and curious people. */
export interface PlaygroundHandle {
  hosts: Record<'a' | 'b', ExcelHost>;
  panes: Record<'a' | 'b', SamplanWorkbench>;
}

/**
 * Custom functions as Excel's shared runtime runs them: the add-in's own code registers
 * `SAMPLAN.INDICATOR` and `SAMPLAN.TARGET`, and both workbooks evaluate them, so a formula typed
 * in a grid follows the shared value once a pane has signed in.
 */
const functions = new CustomFunctionsRuntime('SAMPLAN');

function side(id: 'a' | 'b', token: string, lang: 'sv' | 'en', offlineStore: boolean): { host: ExcelHost; pane: SamplanWorkbench } {
  // The workbook reads and shows numbers as an Excel of the page's language does: a Swedish one
  // takes `12,5` for 12.5 and shows `1 234,5` and SANT; switching the pane's language later does
  // not change Excel's regional format, as in Excel.
  const host = createWorkbook({ sheets: ['Blad1'], customFunctions: functions, locale: lang === 'sv' ? 'sv-SE' : 'en-US' });
  const column = document.createElement('section');
  column.className = 'side';
  column.id = `side-${id}`;
  const grid = document.createElement('samplan-grid');
  grid.id = `grid-${id}`;
  grid.host = host;
  grid.label = id.toUpperCase();
  grid.lang = lang;
  const pane = document.createElement('samplan-workbench');
  pane.id = `pane-${id}`;
  pane.lang = lang;
  // The grid speaks the pane's language, and switches with it.
  pane.addEventListener('samplan-language', () => (grid.lang = pane.lang));
  pane.serverUrl = location.origin;
  pane.token = token;
  if (!token) {
    // Work-account sign-in leaves the page and comes back: each pane remembers its own session
    // for the tab, and the one that asked picks up the hand-off code from the fragment.
    pane.storageKey = `samplan.playground.${id}`;
    const params = new URLSearchParams(location.search);
    params.set('signin', id);
    pane.returnTo = `${location.pathname}?${params.toString()}`;
    if (new URLSearchParams(location.search).get('signin') === id && location.hash) {
      pane.handoff = location.hash;
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    }
  }
  // Two panes share one origin here: no IndexedDB copy, or they would share offline state; a page
  // with one pane may keep one (`offline=1`), as the pane in Excel does.
  pane.ports = realPorts({ offlineStore, lang: () => pane.lang });
  pane.run = (batch) => host.run(batch);
  // Ctrl+Z in the grid undoes the person's own last edit of the document open in the pane.
  grid.undo = () => pane.docs.undo();
  column.append(grid, pane);
  document.querySelector('#sides')?.append(column);
  return { host, pane };
}

function start(): void {
  registerFluent();
  functions.install();
  registerCustomFunctions();
  const params = new URLSearchParams(location.search);
  const lang = langFromDisplayLanguage(params.get('lang'));
  document.documentElement.lang = lang;
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const help = document.querySelector<HTMLElement>('#help');
  if (help) help.hidden = Boolean(a || b);
  const single = Boolean(a) && !b;
  const subtitle = document.querySelector<HTMLElement>('#subtitle');
  if (subtitle && single) subtitle.textContent = 'En emulerad arbetsbok, live via servern · One emulated workbook, live through the server';
  const left = side('a', a, lang, single && params.get('offline') === '1');
  // With a single token the page shows one workbook: a second browser (or context) can be B.
  const right = single ? null : side('b', b, lang, false);
  // Enums for code that reads `Excel.*` constants; each pane still runs on its own workbook.
  installExcelGlobal(left.host);
  const handle: PlaygroundHandle = {
    hosts: { a: left.host, b: (right ?? left).host },
    panes: { a: left.pane, b: (right ?? left).pane },
  };
  (globalThis as { samplan?: PlaygroundHandle }).samplan = handle;
}

start();
