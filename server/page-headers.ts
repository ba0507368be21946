/**
 * Security headers. Every answer gets `X-Content-Type-Options: nosniff` and
 * `Referrer-Policy: no-referrer` (a URL may carry a token). Pages get a Content-Security-Policy
 * that allows what the task pane needs and nothing else: its own origin, Office.js from
 * Microsoft's CDN, its sync socket (ws:/wss: of its own host), the inline scripts of that very
 * page by hash, and framing by Office on the web only. Anything that is not a page gets a policy
 * that allows nothing, so an API answer opened in a browser can run nothing and be framed by no one.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Where Office.js and the scripts it loads come from (the CDN and its newer cloud.microsoft name). */
export const OFFICE_SCRIPT_SOURCES = [
  'https://appsforoffice.microsoft.com',
  'https://officeapis.public.onecdn.static.microsoft',
  'https://ajax.aspnetcdn.com',
] as const;

/**
 * Who may frame the pane: itself, and the hosts of Office on the web (Excel on the web runs the
 * pane in an iframe of officeapps.live.com; SharePoint, OneDrive, office.com, Microsoft 365 and
 * cloud.microsoft open workbooks too). Desktop Office shows the pane in a top-level web view.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.sharepoint.com',
  'https://onedrive.live.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
] as const;

/** The policy of everything that is not a page. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A Host header that can go into a policy as it is (no spaces, semicolons or quotes). */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` sources for each inline `<script>` of `html`, so exactly those may run. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
}

/** `ws://host wss://host` for each usable host, for the pane's sync socket. */
function socketSources(hosts: ReadonlyArray<string | undefined>): string[] {
  const usable = [...new Set(hosts.filter((h): h is string => h !== undefined && SAFE_HOST.test(h)))];
  return usable.flatMap((h) => [`ws://${h}`, `wss://${h}`]);
}

/** Options of {@link pageCsp}. */
export interface PageCspOptions {
  /** The page itself, for the hashes of its inline scripts; none allowed when unset. */
  html?: string;
  /** The Host the page was asked for (its socket goes back there). */
  host?: string;
  /** The server's public address; its host is allowed as a socket too. */
  publicUrl?: string;
}

/**
 * The Content-Security-Policy of a served page (the task pane, its commands page, the playground).
 *
 * @example
 * pageCsp({ html: '<script>Office.onReady();</script>', host: 'localhost:8787' });
 * // "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com … 'sha256-…'; … connect-src 'self' ws://localhost:8787 wss://localhost:8787 …"
 */
export function pageCsp(options: PageCspOptions = {}): string {
  let publicHost: string | undefined;
  try {
    publicHost = options.publicUrl ? new URL(options.publicUrl).host : undefined;
  } catch {
    publicHost = undefined;
  }
  const directives = [
    "default-src 'self'",
    ['script-src', "'self'", ...OFFICE_SCRIPT_SOURCES, ...(options.html ? inlineScriptHashes(options.html) : [])].join(' '),
    // Office.js and the web components set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://appsforoffice.microsoft.com",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...socketSources([options.host, publicHost]), ...OFFICE_SCRIPT_SOURCES.slice(0, 2)].join(' '),
    ['frame-src', "'self'", ...OFFICE_SCRIPT_SOURCES.slice(0, 2)].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ['frame-ancestors', ...OFFICE_FRAME_ANCESTORS].join(' '),
  ];
  return directives.join('; ');
}

/**
 * Middleware that gives every answer `nosniff` and `no-referrer`, and a Content-Security-Policy
 * when the route set none: {@link pageCsp} for HTML, {@link NON_PAGE_CSP} for anything else.
 *
 * @example
 * app.use('*', securityHeaders('https://samplan.example.se'));
 */
export function securityHeaders(publicUrl: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    if (!headers.has('Content-Security-Policy')) {
      const html = (headers.get('content-type') ?? '').startsWith('text/html');
      headers.set('Content-Security-Policy', html ? pageCsp({ host: c.req.header('host'), publicUrl }) : NON_PAGE_CSP);
    }
  };
}
