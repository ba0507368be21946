import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { StorageUnavailableError } from '../../../server/storage/watched.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

describe('health, metrics, OpenAPI and problems', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('answers /healthz without a token', async () => {
    const res = await f.req('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', rooms: 0, connections: 0 });
  });

  it('answers 503 with the kind of fault while storage fails writes, and 200 once it takes them again', async () => {
    const full = (): Promise<never> => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    const { appendUpdates, checkWritable } = f.storage;
    f.storage.appendUpdates = full;
    f.storage.checkWritable = full;
    const created = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'activity-plan', title: 'Ny plan', ownerUnit: 'vc-a' }),
    });
    expect(created.status).toBe(503);
    const error = await errorOf(created);
    expect(error.code).toBe('storage-unavailable');
    expect(englishOf(error)).toMatch(/cannot store changes right now \(the disk is full\)/);
    // The pane's words are Swedish throughout.
    expect(error.details).toMatchObject({ message: { sv: 'Servern kan inte spara ändringar just nu (disken är full). Inget ändrades; försök igen om en stund.' } });
    const sick = await f.req('/healthz');
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ status: 'storage-unavailable', fault: { kind: 'the disk is full' }, reason: expect.stringMatching(/the disk is full/) });
    f.storage.appendUpdates = appendUpdates;
    f.storage.checkWritable = checkWritable;
    expect((await f.req('/healthz')).status).toBe(200);
  });

  it('shows no one the address a PostgreSQL fault names, in /healthz or a 503, and logs it', async () => {
    const lines: string[] = [];
    await f.close();
    f = await makeFixture({ logger: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }) });
    const said = 'connect ECONNREFUSED 10.20.30.40:5432 (user samplan_prod, database samplan_region)';
    const down = (): Promise<never> =>
      Promise.reject(new StorageUnavailableError(`PostgreSQL: ${said}`, { cause: Object.assign(new Error(said), { code: 'ECONNREFUSED', address: '10.20.30.40', port: 5432 }) }));
    f.storage.appendUpdates = down;
    f.storage.checkWritable = down;
    f.storage.listWorkspaces = down;
    const created = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'activity-plan', title: 'Ny plan', ownerUnit: 'vc-a' }),
    });
    const sick = await f.req('/healthz');
    expect([created.status, sick.status]).toEqual([503, 503]);
    const bodies = [await created.text(), await sick.text()];
    for (const body of bodies) {
      for (const secret of ['10.20.30.40', '5432', 'samplan_prod', 'samplan_region', 'ECONNREFUSED']) expect(body).not.toContain(secret);
    }
    expect(JSON.parse(bodies[0]!)).toMatchObject({ error: { code: 'storage-unavailable', message: expect.stringContaining('databasservern går inte att nå'), details: { message: { sv: expect.stringContaining('databasservern går inte att nå'), en: expect.stringContaining('the database server cannot be reached') } } } });
    expect(JSON.parse(bodies[1]!)).toMatchObject({ status: 'storage-unavailable', fault: { kind: 'the database server cannot be reached' } });
    // The operator reads the full reason in the log.
    expect(lines.join('')).toContain('10.20.30.40:5432');
  });

  it('says draining on /healthz once shutdown has begun', async () => {
    await f.samplan.close();
    expect((await f.req('/healthz')).status).toBe(503);
  });

  it('exposes Prometheus metrics for connections, rooms, frames, refusals and persist latency', async () => {
    f.samplan.metrics.sync.frameRefused('refused-update');
    f.samplan.metrics.sync.persistSeconds(0.004);
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.viewer);
    const res = await f.req('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of ['samplan_sync_connections', 'samplan_sync_rooms 1', 'samplan_sync_frames_total', 'samplan_sync_persist_seconds_bucket', 'samplan_http_requests_total']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('samplan_sync_frames_refused_total{reason="refused-update"} 1');
  });

  it('describes every route in /openapi.json with bodies from the zod schemas', async () => {
    const doc = (await (await f.req('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/workspaces/{ws}/documents/{doc}/rows', '/v1/workspaces/{ws}/documents/{doc}/import', '/metrics']));
    const create = doc.paths['/v1/workspaces/{ws}/documents']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(create?.properties ?? {})).toEqual(expect.arrayContaining(['kind', 'title', 'ownerUnit']));
    expect(doc.components.schemas).toHaveProperty('row-activity-plan');
    // Answers of rights changes carry the `unconfirmed` words the pane shows (shared/protocol/rights-answers.ts).
    const answer = (path: string, method: string) => (doc.paths[path]?.[method] as { responses?: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> } | undefined)?.responses?.['200']?.content?.['application/json']?.schema.properties ?? {};
    expect(Object.keys(answer('/v1/workspaces/{ws}/tokens', 'delete'))).toEqual(expect.arrayContaining(['revoked', 'unconfirmed']));
    expect(Object.keys(answer('/v1/workspaces/{ws}/members/{member}', 'delete'))).toEqual(expect.arrayContaining(['removed', 'unconfirmed']));
    // Every route the app answers is described (path parameters as {name}, a pattern dropped).
    const served = new Set(
      f.samplan.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const described = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...served].filter((r) => !described.has(r))).toEqual([]);
    // The rounds' bodies and queries come from their zod schemas.
    const define = doc.paths['/v1/workspaces/{ws}/rounds']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(define?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'title', 'period', 'dueDate', 'indicators']));
    const report = doc.paths['/v1/workspaces/{ws}/rounds/{round}/report']?.get as unknown as { parameters: { name: string; schema: { enum?: string[] } }[] };
    expect(report.parameters.find((p) => p.name === 'format')?.schema.enum).toEqual(['html', 'pdf']);
  });

  it('lists the problems of a document', async () => {
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Okänd partner', type: 'halsodag', partner: 'Ingen alls' }]),
    });
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/problems`, f.tokens.viewer);
    const body = (await res.json()) as { count: { error: number; warning: number }; problems: { code: string; column: string }[] };
    expect(body.problems.some((p) => p.column === 'partner')).toBe(true);
    expect(body.count.error + body.count.warning).toBeGreaterThan(0);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await f.req('/nowhere');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not-found');
  });
});
