import { serve } from '@hono/node-server';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { rowsOf } from '../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './http/support.js';
import { listenedSocket } from '../support/listened-socket.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { endWarmReadWorkers, readWorkerLimit, readWorkersWarm } from '../../server/http/read-worker.js';
import { largeOds } from '../support/large-sheet.js';

describe('createApp over a real socket', () => {
  let f: Fixture;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    f = await makeFixture();
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: f.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    f.samplan.injectWebSocket(server);
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await f.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('syncs a stock y-websocket client, which sees rows imported over HTTP arrive live', async () => {
    const ydoc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://${base}/v1/sync/${WS}`, 'plan-a', ydoc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: f.tokens.viewer },
      disableBc: true,
    });
    try {
      await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
      expect(rowsOf(ydoc)).toHaveLength(2);
      const arrived = new Promise<void>((resolve) => ydoc.on('update', () => rowsOf(ydoc).length === 3 && resolve()));
      const res = await fetch(`http://${base}/v1/workspaces/${WS}/documents/plan-a/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.tokens.editor}`, 'content-type': 'text/csv' },
        body: 'Aktivitet;Typ\nLive-rad;halsodag\n',
      });
      expect(await res.json()).toMatchObject({ imported: 1 });
      await arrived;
      expect(rowsOf(ydoc).map((r) => r.values.title)).toContain('Live-rad');
    } finally {
      provider.destroy();
    }
  });

  it('closes sockets with 1001 on close()', async () => {
    const { opened, closed } = listenedSocket(`ws://${base}/v1/sync/${WS}/plan-a?token=${f.tokens.viewer}`);
    await opened;
    await f.samplan.close();
    expect((await closed).code).toBe(1001);
  });
});

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'samplan-static-'));
  const addin = join(root, 'addin');
  const manifests = join(root, 'manifests');
  mkdirSync(join(addin, 'playground'), { recursive: true });
  mkdirSync(join(addin, 'assets'), { recursive: true });
  mkdirSync(manifests);
  writeFileSync(join(addin, 'taskpane.html'), '<!doctype html><title>pane</title>');
  writeFileSync(join(addin, 'assets', 'pane-1234.js'), 'export {}');
  writeFileSync(join(addin, 'playground', 'index.html'), '<!doctype html><title>playground</title>');
  writeFileSync(join(manifests, 'manifest.xml'), '<OfficeApp><SourceLocation DefaultValue="https://localhost:3000/addin/taskpane.html"/></OfficeApp>');
  writeFileSync(join(manifests, 'manifest.template.xml'), '<OfficeApp><SourceLocation DefaultValue="{{PUBLIC_URL}}/addin/taskpane.html"/></OfficeApp>');

  const appWith = (addinRoot: string, publicUrl = 'http://127.0.0.1:8787') =>
    createApp({ storage: createMemoryStorage(), logger: silentLogger(), clock: () => new Date(), publicUrl, staticRoot: { addin: addinRoot, manifests } }).app;

  it('serves the pane, its assets, the playground and the manifest with their content types', async () => {
    const app = appWith(addin);
    const pane = await app.request('/addin/taskpane.html');
    expect(pane.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await pane.text()).toContain('pane');
    const asset = await app.request('/addin/assets/pane-1234.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await app.request('/playground')).text()).toContain('playground');
    const manifest = await app.request('/manifest.xml');
    expect(manifest.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await manifest.text()).toContain('https://localhost:3000');
  });

  it('serves the production manifest filled in for an https public address', async () => {
    const text = await (await appWith(addin, 'https://samplan.example.se').request('/manifest.xml')).text();
    expect(text).toContain('https://samplan.example.se/addin/taskpane.html');
  });

  it('does not serve files outside the build', async () => {
    const res = await appWith(addin).request('/addin/..%2F..%2Fetc%2Fpasswd');
    expect(res.status).toBe(404);
  });

  it('names a missing file or manifest without giving back a personnummer in its name', async () => {
    const app = appWith(addin);
    for (const path of ['/addin/850101-1236.html', '/manifests/850101-1236.xml']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not-found');
      expect(body.error.message).toContain('[personnummer]');
      expect(body.error.message).not.toMatch(/850101/);
    }
  });

  it('answers a malformed % escape with 400 and a sentence, not 500', async () => {
    const res = await appWith(addin).request('/addin/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/malformed % escape/);
  });

  it('says to run npm run build when the pane has not been built', async () => {
    const res = await appWith(join(root, 'missing')).request('/playground');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('npm run build');
  });
});

describe('close()', () => {
  const saved = { slots: readWorkerLimit.slots, queue: readWorkerLimit.queue };
  afterAll(() => readWorkerLimit.resize(saved.slots, saved.queue));

  it('ends the idle reading workers its own imports kept, and leaves those of another app in the process', async () => {
    // Room for both apps' kept workers (one slot on a 2-core machine would end the first for the second).
    readWorkerLimit.resize(2, 4);
    await endWarmReadWorkers();
    const [a, b] = await Promise.all([makeFixture(), makeFixture()]);
    const ods = largeOds(3);
    /** A dry-run `.ods` import into `f`'s app: its worker is kept idle for the app's next one. */
    const importInto = async (f: Fixture) => {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'application/vnd.oasis.opendocument.spreadsheet' }, body: ods as BodyInit });
      expect(res.status).toBe(200);
    };
    await importInto(a);
    await importInto(b);
    expect(readWorkersWarm()).toBe(2);
    await b.close();
    expect(readWorkersWarm()).toBe(1);
    // The worker left is a's: its next import is read in it (no new worker), and a's close ends it.
    await importInto(a);
    expect(readWorkersWarm()).toBe(1);
    await a.close();
    expect(readWorkersWarm()).toBe(0);
  }, 20_000);
});
