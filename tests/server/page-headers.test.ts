import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { NON_PAGE_CSP } from '../../server/page-headers.js';
import { createMemoryStorage } from '../../server/storage/memory.js';

const INLINE = "\n      Office.onReady();\n    ";
const root = mkdtempSync(join(tmpdir(), 'samplan-headers-'));
const addin = join(root, 'addin');
const manifests = join(root, 'manifests');
mkdirSync(join(addin, 'playground'), { recursive: true });
mkdirSync(manifests);
writeFileSync(join(addin, 'taskpane.html'), `<!doctype html><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script>${INLINE}</script><title>pane</title>`);
writeFileSync(join(addin, 'playground', 'index.html'), '<!doctype html><title>playground</title><script type="module" src="/addin/assets/p.js"></script>');
writeFileSync(join(manifests, 'manifest.xml'), '<OfficeApp/>');

const app = createApp({
  storage: createMemoryStorage(),
  logger: silentLogger(),
  clock: () => new Date(),
  publicUrl: 'https://samplan.example.se',
  staticRoot: { addin, manifests },
}).app;

/** The directives of a policy, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('security headers', () => {
  it.each(['/', '/addin/taskpane.html', '/playground'])('gives the page %s a policy fit for the pane in Office', async (path) => {
    const res = await app.request(path, { headers: { host: 'localhost:8787' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(expect.arrayContaining(["'self'", 'https://appsforoffice.microsoft.com']));
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).toEqual(
      expect.arrayContaining(["'self'", 'ws://localhost:8787', 'wss://localhost:8787', 'wss://samplan.example.se']),
    );
    expect(csp.get('frame-ancestors')).toEqual(
      expect.arrayContaining(["'self'", 'https://*.officeapps.live.com', 'https://*.office.com', 'https://*.sharepoint.com']),
    );
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it("allows exactly the page's own inline scripts, by hash", async () => {
    const hash = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
    const pane = directives((await app.request('/addin/taskpane.html')).headers.get('content-security-policy'));
    expect(pane.get('script-src')).toContain(hash);
    const playground = directives((await app.request('/playground')).headers.get('content-security-policy'));
    expect(playground.get('script-src')?.some((s) => s.startsWith("'sha256-"))).toBe(false);
  });

  it('puts no forged host into the policy', async () => {
    const res = await app.request('/addin/taskpane.html', { headers: { host: "evil; script-src 'unsafe-inline'" } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('evil');
    expect(directives(csp).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it.each(['/healthz', '/v1/workspaces', '/manifest.xml', '/openapi.json', '/nowhere'])('gives %s nosniff, no-referrer and a policy that allows nothing', async (path) => {
    const res = await app.request(path);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
  });
});

describe('malformed addresses', () => {
  it.each(['/addin/%E0%A4%A', '/addin/%', '/addin/assets/%ZZ.js'])('answers %s with 400 and a sentence', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad-path');
    expect(body.error.message).toMatch(/malformed % escape/);
  });

  it.each(['/%', '/%E0%A4%A', '/playground/%', '/manifests/%E0', '/v1/workspaces/%E0%A4%A', '/v1/sync/w/%E0%A4%A', '/v1/workspaces/w/documents/%'])(
    'answers %s without a server error',
    async (path) => {
      expect((await app.request(path)).status).toBeLessThan(500);
    },
  );
});
