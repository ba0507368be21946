/**
 * Static files the server hands out next to the API: the built task pane under `/addin/`, the
 * Office manifests at `/manifest.xml`, the browser playground at `/playground`, and the root
 * (`/`) and help (`/help`) pages (`pages.ts`). When the pane has not been built yet, these paths
 * answer with a page that says how to build it instead of a bare 404. Pages carry the pane's Content-Security-Policy (`page-headers.ts`); a malformed
 * `%`-escape in a path answers 400 with a sentence.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { badRequest, notFound } from './http/errors.js';
import { pageCsp } from './page-headers.js';
import { helpPage, rootPage } from './pages.js';

/** Where the static files are. */
export interface StaticOptions {
  /** The vite output of the add-in, normally `dist/addin`. */
  addinRoot: string;
  /** The folder with `manifest.xml` (and other manifests), normally `manifests`. */
  manifestsRoot: string;
  /** The server's public address, written into a manifest wherever it says `{{PUBLIC_URL}}`. */
  publicUrl: string;
}

/** Content types of the files a vite build and the manifests contain. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The content type for a file name; binary for anything unknown. */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function notBuiltPage(what: string): Response {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Samplan: not built</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto">
<h1>${what} has not been built</h1>
<p>The server could not find the built files. Run <code>npm run build</code> in the Samplan folder
and start the server again (or use <code>npm start</code>, which builds first).</p></body></html>`;
  return new Response(html, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A URL path segment decoded; a malformed `%` escape is a 400 with a sentence, not a 500. */
function decodedPath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest('bad-path', 'The address has a malformed % escape (a % must be followed by two hex digits of UTF-8). Check the link.');
  }
}

/** Read a file under `root`; null when missing or when `rel` tries to leave `root`. */
async function readUnder(root: string, rel: string): Promise<Buffer | null> {
  const base = resolve(root);
  const full = normalize(join(base, rel));
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    const info = await stat(full);
    if (!info.isFile()) return null;
    return await readFile(full);
  } catch {
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A file as an answer; a page gets the pane's policy with the hashes of its own inline scripts. */
function fileResponse(c: Context, body: Buffer, path: string, cache: string, publicUrl: string): Response {
  const type = contentTypeOf(path);
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': cache };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = pageCsp({ html: body.toString('utf8'), host: c.req.header('host'), publicUrl });
  }
  return new Response(new Uint8Array(body), { headers });
}

/**
 * Mount `/`, `/help`, `/addin/*`, `/manifest.xml`, `/manifests/*` and `/playground` on the app.
 *
 * @example
 * mountStatic(app, { addinRoot: 'dist/addin', manifestsRoot: 'manifests', publicUrl: 'http://localhost:8787' });
 */
export function mountStatic(app: Hono, options: StaticOptions): void {
  const { addinRoot, manifestsRoot, publicUrl } = options;

  app.get('/', (c) => fileResponse(c, Buffer.from(rootPage()), 'index.html', 'no-cache', publicUrl));
  app.get('/help', (c) => fileResponse(c, Buffer.from(helpPage()), 'help.html', 'no-cache', publicUrl));

  app.get('/addin', (c) => c.redirect('/addin/taskpane.html'));
  app.get('/addin/*', async (c) => {
    const rel = decodedPath(new URL(c.req.url).pathname.slice('/addin/'.length)) || 'taskpane.html';
    const body = await readUnder(addinRoot, rel);
    if (body) return fileResponse(c, body, rel, rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache', publicUrl);
    if (!(await exists(addinRoot))) return notBuiltPage('The Excel task pane');
    throw notFound('not-found', `The add-in has no file ${rel}.`);
  });

  const playground = async (c: Context): Promise<Response> => {
    const body = await readUnder(addinRoot, 'playground/index.html');
    return body ? fileResponse(c, body, 'index.html', 'no-cache', publicUrl) : notBuiltPage('The playground');
  };
  app.get('/playground', playground);
  app.get('/playground/', playground);

  const manifest = async (name: string): Promise<Response | null> => {
    const body = await readUnder(manifestsRoot, name);
    if (!body) return null;
    // The production template carries a placeholder for the server's address; fill it in.
    const text = body.toString('utf8').replaceAll('{{PUBLIC_URL}}', publicUrl);
    return new Response(text, { headers: { 'content-type': contentTypeOf(name), 'cache-control': 'no-cache' } });
  };
  app.get('/manifest.xml', async () => {
    // Office only loads add-ins over https: with an https public address the production template
    // is filled in for this server; otherwise the dev manifest (behind `npm run dev-https`) is served.
    const prod = publicUrl.startsWith('https://') ? await manifest('manifest.template.xml') : null;
    const res = prod ?? (await manifest('manifest.xml'));
    if (res) return res;
    throw notFound('not-found', 'The server has no add-in manifest (manifests/manifest.xml).');
  });
  app.get('/manifests/:name', async (c) => {
    const res = await manifest(c.req.param('name'));
    if (res) return res;
    throw notFound('not-found', `There is no manifest called ${c.req.param('name')}.`);
  });
}
