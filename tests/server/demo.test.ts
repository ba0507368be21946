import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { konMismatches } from '../../shared/indicators/checks.js';
import { definitionsFromRows } from '../../shared/indicators/definitions.js';
import { observationOf } from '../../shared/indicators/table.js';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_WORKSPACE } from '../../server/demo/seed.js';
import { listTokens, resolveToken } from '../../server/auth/tokens.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { DocRecord, Storage } from '../../server/storage/storage.js';
import { rowsOf } from '../../shared/doc/index.js';
import { ACTIVITY_TYPES } from '../../shared/catalog/activity-types.js';
import { STOCKHOLM_CLINICS } from '../../shared/catalog/clinics.js';
import { endedUnits, reportingUnitsOf } from '../../shared/rounds/levels.js';
import { roundIdOf } from '../../shared/rounds/model.js';
import { RoundsStore } from '../../server/rounds/rounds-store.js';
import { crossRefsFrom } from '../../shared/validate/cross-refs.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import { demoPartnerId } from '../../server/demo/demo-partners.js';
import { createDoc, MADE_FIELD, metaMap } from '../../shared/doc/create.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import type { DocKind } from '../../shared/schema/types.js';

async function load(storage: Storage, rec: Pick<DocRecord, 'workspace' | 'doc'>): Promise<Y.Doc> {
  const stored = await storage.loadDoc(rec);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('demo workspace', () => {
  const clock = () => new Date('2026-01-20T09:00:00Z');
  const storage = createMemoryStorage({ clock });
  let tokens: { admin: string; coordinator: string; editor: string; viewer: string };
  let docs: DocRecord[];

  beforeAll(async () => {
    tokens = await seedDemo(storage, { clock, logger: silentLogger() });
    docs = await storage.listDocs(DEMO_WORKSPACE);
  });

  it('is Region Stockholm with the 15 clinics of the 2023 assignment below the region', async () => {
    expect((await storage.getWorkspace(DEMO_WORKSPACE))?.name).toBe('Region Stockholm – hälsofrämjande befolkningsinriktade insatser');
    const units = await storage.listUnits(DEMO_WORKSPACE);
    const vc = units.filter((u) => u.code.startsWith('vc-'));
    expect(vc).toHaveLength(15);
    expect(vc.every((u) => u.parent === 'region-stockholm')).toBe(true);
    expect(vc.map((u) => u.name)).toContain('Fittja Vårdcentral');
  });

  it('has a 2025–2026 demo plan for each of the 15 clinics of seed 001, marked as sample data, validating without errors', async () => {
    const partners = await load(storage, { workspace: DEMO_WORKSPACE, doc: 'samverkansaktorer' });
    const units = (await storage.listUnits(DEMO_WORKSPACE)).map((u) => u.code);
    const refs = crossRefsFrom({ partners, units });
    const plans = docs.filter((d) => d.kind === 'activity-plan' && d.title.startsWith('Aktivitetsplan 2025–2026'));
    expect(plans.map((p) => p.ownerUnit).sort()).toEqual(STOCKHOLM_CLINICS.map((c) => c.unit).sort());
    const types = new Set<unknown>();
    for (const plan of plans) {
      expect(plan.title).toMatch(/^Aktivitetsplan 2025–2026 – .+ \(exempeldata\)$/);
      const doc = await load(storage, plan);
      const rows = rowsOf(doc);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      for (const r of rows) {
        expect(r.values.comment).toMatch(/^Exempeldata\./);
        expect(['2025', '2026']).toContain(String(r.values.startDate).slice(0, 4));
        types.add(r.values.type);
      }
      expect(validateDoc(doc, plan.doc, refs).filter((p) => p.severity === 'error')).toEqual([]);
      // Partners by the row id of their row in the partner list, never by name.
      for (const r of rows) if (r.values.partner !== null) expect(refs.partners?.ids.has(String(r.values.partner))).toBe(true);
    }
    // Every activity type of Table 1 is used somewhere; seed 001's venues outside the clinic too.
    expect([...types].sort()).toEqual(ACTIVITY_TYPES.filter((t) => t.value !== 'annan').map((t) => t.value).sort());
    const tensta = rowsOf(await load(storage, { workspace: DEMO_WORKSPACE, doc: 'aktivitetsplan-vc-tensta' }));
    for (const venue of ['mataffar', 'apotek', 'simhall', 'skola', 'forening']) expect(tensta.map((r) => r.values.venue)).toContain(venue);
    // The plans differ from clinic to clinic.
    const fittja = rowsOf(await load(storage, { workspace: DEMO_WORKSPACE, doc: 'aktivitetsplan-vc-fittja' }));
    expect(fittja.map((r) => r.values.startDate)).not.toEqual(tensta.map((r) => r.values.startDate));
  });

  it('keeps the six KIM clinics’ plans under their own years, 2013–2015, in title and dates', async () => {
    const partners = await load(storage, { workspace: DEMO_WORKSPACE, doc: 'samverkansaktorer' });
    const units = (await storage.listUnits(DEMO_WORKSPACE)).map((u) => u.code);
    const refs = crossRefsFrom({ partners, units });
    const plans = docs.filter((d) => d.kind === 'activity-plan' && d.doc.startsWith('kim-2013-2015-'));
    expect(plans.map((p) => p.ownerUnit).sort()).toEqual(['kim-jordbro', 'kim-varby', 'kim-wasa', 'vc-husby-akalla', 'vc-rinkeby', 'vc-tensta']);
    for (const plan of plans) {
      expect(plan.title).toMatch(/^KIM 2013–2015 – /);
      const doc = await load(storage, plan);
      const rows = rowsOf(doc);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const r of rows) {
        for (const d of [r.values.startDate, r.values.endDate]) expect(Number(String(d).slice(0, 4))).toBeGreaterThanOrEqual(2013);
        for (const d of [r.values.startDate, r.values.endDate]) expect(Number(String(d).slice(0, 4))).toBeLessThanOrEqual(2015);
        expect(['genomford', 'installd']).toContain(r.values.status);
        if (r.values.partner !== null) expect(refs.partners?.ids.has(String(r.values.partner))).toBe(true);
      }
      expect(validateDoc(doc, plan.doc, refs).filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  it('names its rounds as every door makes a round id of a title (2025 kv 2 → 2025-kv-2)', async () => {
    const { rounds } = await new RoundsStore(storage).state(DEMO_WORKSPACE);
    expect([...rounds.values()].map((r) => [r.id, r.title])).toEqual([
      ['2025-kv-2', '2025 kv 2'],
      ['2025-kv-4', '2025 kv 4'],
    ]);
    for (const r of rounds.values()) expect(r.id).toBe(roundIdOf(r.title));
  });

  it('keeps the KIM plans archived, so a round that names no units expects the 15 clinics and not the three ended KIM clinics', async () => {
    const plans = docs.filter((d) => d.doc.startsWith('kim-2013-2015-'));
    expect(plans.every((p) => typeof p.archivedAt === 'string')).toBe(true);
    const units = await storage.listUnits(DEMO_WORKSPACE);
    const expected = reportingUnitsOf({ units: [] }, units, docs);
    expect([...endedUnits(docs)].sort()).toEqual(['kim-jordbro', 'kim-varby', 'kim-wasa']);
    expect(expected.sort()).toEqual(STOCKHOLM_CLINICS.map((c) => c.unit).sort());
    // Named, an ended clinic reports.
    expect(reportingUnitsOf({ units: ['kim-wasa'] }, units, docs)).toEqual(['kim-wasa']);
  });

  it('has a county action plan with measures under each of the four perspectives of seed 003, validating without errors', async () => {
    const partners = await load(storage, { workspace: DEMO_WORKSPACE, doc: 'samverkansaktorer' });
    const units = (await storage.listUnits(DEMO_WORKSPACE)).map((u) => u.code);
    const plan = docs.find((d) => d.kind === 'action-plan');
    expect(plan?.ownerUnit).toBe('region-stockholm');
    const doc = await load(storage, plan as DocRecord);
    const perspectives = new Set(rowsOf(doc).map((r) => r.values.perspective));
    expect([...perspectives].sort()).toEqual(['befolkning', 'individ-patient', 'medarbetare', 'styrning-ledning']);
    expect(validateDoc(doc, 'handlingsplan', crossRefsFrom({ partners, units })).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it("draws the plans from Table 1: Wasa's exercise groups in churches, Vårby's diabetes week with S:t Eriks", async () => {
    const wasa = rowsOf(await load(storage, { workspace: DEMO_WORKSPACE, doc: 'kim-2013-2015-wasa' }));
    expect(wasa.some((r) => r.values.type === 'rorelsegrupp' && r.values.venue === 'trossamfund')).toBe(true);
    const varby = rowsOf(await load(storage, { workspace: DEMO_WORKSPACE, doc: 'kim-2013-2015-varby' }));
    expect(varby.some((r) => r.values.partner === demoPartnerId('S:t Eriks ögonsjukhus'))).toBe(true);
    const promenad = wasa.find((r) => r.values.type === 'promenadgrupp');
    expect(promenad?.values['goals.physical-activity']).toBe(true);
  });

  it('has the 22 indicators of Strategi för hälsa, the clinic-level ones, and consistent sample values', async () => {
    const catalog = docs.find((d) => d.kind === 'indicator-catalog');
    const catalogDoc = await load(storage, catalog as DocRecord);
    const ids = rowsOf(catalogDoc).map((r) => r.values.id as string);
    expect(ids.filter((id) => id.startsWith('sfh-'))).toHaveLength(22);
    expect(ids.filter((id) => !id.startsWith('sfh-')).sort()).toEqual(['vc-far-forskrivna', 'vc-far-uppfoljda-6man', 'vc-halsosamtal']);
    const values = rowsOf(await load(storage, docs.find((d) => d.kind === 'indicator-values') as DocRecord));
    expect(values.length).toBeGreaterThan(22 * 3);
    for (const { values: v } of values) {
      expect(v.comment).toMatch(/Exempeldata/);
      if (typeof v.numerator === 'number' && typeof v.denominator === 'number') {
        const factor = v.indicator === 'sfh-09' ? 1000 : 100;
        expect(Math.abs((v.numerator / v.denominator) * factor - (v.value as number))).toBeLessThan(0.051);
        expect(v.numerator).toBeLessThanOrEqual(v.denominator);
      }
    }
    const defs = definitionsFromRows(rowsOf(catalogDoc).map((r) => r.values));
    const observations = values.map((r) => observationOf(r.values)).filter((o) => o !== null);
    expect(observations).toHaveLength(values.length);
    expect(konMismatches(observations, (id) => defs.get(id)?.measure ?? 'count')).toEqual([]);
    const refs = crossRefsFrom({ indicatorCatalog: catalogDoc, units: (await storage.listUnits(DEMO_WORKSPACE)).map((u) => u.code) });
    const valuesDoc = await load(storage, docs.find((d) => d.kind === 'indicator-values') as DocRecord);
    expect(validateDoc(valuesDoc, 'indikatorvarden', refs).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('has an admin, a coordinator, an editor for one clinic and a viewer, and tokens that resolve', async () => {
    const roles = (await storage.listMembers(DEMO_WORKSPACE)).map((m) => m.role).sort();
    expect(roles).toEqual(['admin', 'coordinator', 'editor', 'viewer']);
    for (const [token, role] of [[tokens.admin, 'admin'], [tokens.coordinator, 'coordinator'], [tokens.editor, 'editor'], [tokens.viewer, 'viewer']] as const) {
      const result = await resolveToken(storage, token, clock());
      expect(result.ok && result.principal.role).toBe(role);
    }
  });

  it("marks every document as the server's making, so a copy of a deleted demo document is refused by one made again", async () => {
    expect(docs.length).toBeGreaterThanOrEqual(20);
    for (const rec of docs) {
      const doc = await load(storage, rec);
      expect(metaMap(doc).has(MADE_FIELD), rec.doc).toBe(true);
      // A copy of this document is of this making; a document made anew under its id is not.
      expect(checkUpdate(doc, Y.encodeStateAsUpdate(await load(storage, rec))), rec.doc).toMatchObject({ ok: true });
      const other = createDoc(rec.kind as DocKind, { title: rec.title, ownerUnit: rec.ownerUnit, schemaVersion: 1 });
      expect(checkUpdate(doc, Y.encodeStateAsUpdate(other)), rec.doc).toMatchObject({ ok: false, code: 'other-making' });
    }
  });

  it('is made once: a second start keeps the documents and only issues new tokens, revoking the earlier ones', async () => {
    // A store of its own: the second start revokes the tokens the other cases resolve.
    const restarted = createMemoryStorage({ clock });
    const first = await seedDemo(restarted, { clock, logger: silentLogger() });
    const made = (await restarted.listDocs(DEMO_WORKSPACE)).length;
    const again = await seedDemo(restarted, { clock, logger: silentLogger() });
    expect(again.admin).not.toBe(first.admin);
    expect(await resolveToken(restarted, first.admin, clock())).toEqual({ ok: false, reason: 'revoked' });
    expect((await listTokens(restarted, DEMO_WORKSPACE, clock())).filter((t) => t.status === 'active')).toHaveLength(4);
    expect(await restarted.listDocs(DEMO_WORKSPACE)).toHaveLength(made);
    const plan = await restarted.loadDoc({ workspace: DEMO_WORKSPACE, doc: 'aktivitetsplan-vc-tensta' });
    expect(plan.updates).toHaveLength(1);
  });
});

describe('demo tokens kept in the data directory', () => {
  const start = new Date('2026-01-20T09:00:00Z');
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /**
   * A data directory of one case's own, so that no case reads what another wrote: a store, its
   * kept-tokens file, and a clock at `start` the case moves on.
   */
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-demo-'));
    dirs.push(dir);
    const at = { now: start };
    const clock = () => at.now;
    const storage = createMemoryStorage({ clock });
    const file = join(dir, 'samplan.db.demo-tokens.json');
    return {
      at,
      storage,
      file,
      seed: () => seedDemo(storage, { clock, logger: silentLogger(), tokenFile: file }),
      active: async () => (await listTokens(storage, DEMO_WORKSPACE, at.now)).filter((t) => t.status === 'active').length,
    };
  };

  it('are reused across restarts, never piling up', async () => {
    const { at, file, seed, active } = dataDir();
    const first = await seed();
    at.now = new Date(start.getTime() + 6 * 24 * 3600_000);
    expect(await seed()).toEqual(first);
    expect(await seed()).toEqual(first);
    expect(await active()).toBe(4);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('expire after 7 days; the next start issues new ones', async () => {
    const { at, storage, file, seed, active } = dataDir();
    await seed();
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { admin: string };
    at.now = new Date(start.getTime() + 7 * 24 * 3600_000 + 1);
    expect(await resolveToken(storage, kept.admin, at.now)).toEqual({ ok: false, reason: 'expired' });
    const fresh = await seed();
    expect(fresh.admin).not.toBe(kept.admin);
    expect((await resolveToken(storage, fresh.admin, at.now)).ok).toBe(true);
    expect(await active()).toBe(4);
  });

  it('are replaced when the kept file lacks the coordinator (written before it was printed), leaving four active', async () => {
    const { at, storage, file, seed, active } = dataDir();
    await seed();
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const { coordinator: _dropped, ...three } = kept;
    writeFileSync(file, JSON.stringify(three));
    const fresh = await seed();
    expect(fresh.admin).not.toBe(kept.admin);
    const result = await resolveToken(storage, fresh.coordinator, at.now);
    expect(result.ok && result.principal.role).toBe('coordinator');
    expect(await active()).toBe(4);
  });

  it('are replaced, not trusted, when the file is damaged', async () => {
    const { at, storage, file, seed, active } = dataDir();
    await seed();
    writeFileSync(file, '{"admin": 1');
    const fresh = await seed();
    expect((await resolveToken(storage, fresh.viewer, at.now)).ok).toBe(true);
    expect(await active()).toBe(4);
  });
});
