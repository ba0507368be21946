/**
 * The two small HTML pages the server answers itself: the root page (`/`), which links what a
 * person opening the server's address wants (the playground, the manifest, the API, help), and
 * the help page (`/help`), which the add-in manifest names as its SupportUrl. No templates, no
 * scripts: static text in Swedish and English.
 */

const STYLE = 'font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" type="image/png" href="/addin/icon-32.png"></head>
<body style="${STYLE}">
${body}
</body></html>
`;
}

/** The page at `/`: what this server is and where to go. */
export function rootPage(): string {
  return page(
    'Samplan',
    `<h1>Samplan</h1>
<p>Planera och följ upp hälsofrämjande arbete tillsammans, direkt i Excel. /
Plan and follow up health promotion together, right in Excel.</p>
<ul>
<li><a href="/playground">Playground</a>: två emulerade arbetsböcker sida vid sida / two emulated workbooks side by side</li>
<li><a href="/manifest.xml">Add-in manifest</a>: för att installera tillägget i Excel / to install the add-in in Excel</li>
<li><a href="/addin/taskpane.html">Task pane</a> (utanför Excel / outside Excel)</li>
<li><a href="/openapi.json">API (OpenAPI)</a>, <a href="/healthz">health</a>, <a href="/metrics">metrics</a></li>
<li><a href="/help">Hjälp / Help</a></li>
</ul>`,
  );
}

/** The page at `/help`, the manifest's SupportUrl. */
export function helpPage(): string {
  return page(
    'Samplan – hjälp / help',
    `<h1>Samplan – hjälp / help</h1>
<h2>Kom igång</h2>
<ol>
<li>Be din administratör om en token (<code>spl_…</code>) och serverns adress.</li>
<li>Öppna Samplan på fliken Start i Excel och logga in med token.</li>
<li>Öppna ett dokument i Utforskaren: tabellen delas med alla som har det öppet.</li>
</ol>
<p>Kommandopaletten: <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>P</kbd> i Excel (även utanför fönstret),
<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd> i fönstret. <kbd>F8</kbd> går till nästa problem.
Skriv aldrig personnummer: servern vägrar ta emot dem.</p>
<h2>Getting started</h2>
<ol>
<li>Ask your administrator for a token (<code>spl_…</code>) and the server's address.</li>
<li>Open Samplan on Excel's Home tab and sign in with the token.</li>
<li>Open a document in the Explorer: its table is shared with everyone who has it open.</li>
</ol>
<p>The command palette: <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>P</kbd> in Excel (outside the pane too),
<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd> in the pane. <kbd>F8</kbd> goes to the next problem.
Never type a personnummer: the server refuses them.</p>
<p><a href="/">Samplan</a> · <a href="/playground">Playground</a> · <a href="/openapi.json">API</a></p>`,
  );
}
