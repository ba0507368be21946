/**
 * The demo workspace `hbi-stockholm`, made on the first `samplan serve --demo`: Region Stockholm
 * with the 15 clinics of seed 001 (and the three KIM clinics of seed 000 that are not among them),
 * a 2025–2026 demo activity plan for each of the 15 (`clinic-plans.ts`), the six KIM clinics' plans of
 * 2013–2015 from seed 000 under their own years, archived (history; the three KIM clinics that own
 * nothing else have so ended and are not expected in a round that names no units), the partner list of seed 000 (plans refer to it
 * by row id, `demo-partners.ts`), the 22
 * indicators of seed 002 and sample values. Idempotent: an existing workspace is left as it is.
 * The admin, coordinator, editor and viewer tokens come from `demo-tokens.ts`: kept in the data directory and
 * reused across restarts, 7 days each, never more than four active.
 */
import { KIM_CLINICS, STOCKHOLM_CLINICS } from '../../shared/catalog/clinics.js';
import * as Y from 'yjs';
import { createDoc, insertRows } from '../../shared/doc/index.js';
import { markMade } from '../../shared/doc/create.js';
import { kindDef } from '../../shared/schema/index.js';
import { actionPlanRows } from './action-plan-rows.js';
import type { DocKind, RowValues } from '../../shared/schema/types.js';
import type { Logger } from '../logger.js';
import type { MemberRecord, Storage, UnitRecord } from '../storage/storage.js';
import { activityRows } from './activity-rows.js';
import { DEMO_PARTNERS, demoPartnerId } from './demo-partners.js';
import { clinicPlanRows } from './clinic-plans.js';
import { roundIdOf, type RoundDef } from '../../shared/rounds/model.js';
import { RoundsStore } from '../rounds/rounds-store.js';
import { demoTokens, type DemoTokens } from './demo-tokens.js';
import { catalogRows, clinicValueRows, valueRows } from './indicator-rows.js';

/** The demo workspace id. */
export const DEMO_WORKSPACE = 'hbi-stockholm';
/** The demo region unit. */
export const DEMO_REGION = 'region-stockholm';

/** Where each KIM clinic's plan belongs: its unit among the 15, or its own KIM unit. */
export const KIM_UNIT: Record<string, string> = {
  'kim-wasa': 'kim-wasa',
  'kim-varby': 'kim-varby',
  'kim-tensta': 'vc-tensta',
  'kim-husby-akalla': 'vc-husby-akalla',
  'kim-jordbro': 'kim-jordbro',
  'kim-rinkeby': 'vc-rinkeby',
};

/** The document id of a KIM clinic's plan of 2013–2015: `kim-wasa` → `kim-2013-2015-wasa`. */
export function kimPlanId(kimClinic: string): string {
  return `kim-2013-2015-${kimClinic.replace(/^kim-/, '')}`;
}

/** The demo's members. */
export const DEMO_MEMBERS: readonly Omit<MemberRecord, 'workspace'>[] = [
  { id: 'admin', name: 'Systemförvaltare Region Stockholm', role: 'admin', units: [DEMO_REGION] },
  { id: 'samordnare', name: 'Samordnare hälsofrämjande insatser', role: 'coordinator', units: [DEMO_REGION] },
  { id: 'tensta-dsk', name: 'Distriktssköterska Tensta vårdcentral', role: 'editor', units: ['vc-tensta'] },
  { id: 'chef', name: 'Verksamhetschef (läsbehörighet)', role: 'viewer', units: [DEMO_REGION] },
];

export type { DemoTokens } from './demo-tokens.js';

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  clock: () => Date;
  logger: Logger;
  /** Where the demo tokens are kept between starts; null or absent: new ones at every start. */
  tokenFile?: string | null;
  /**
   * The workspace's id (absent: {@link DEMO_WORKSPACE}); its name, units, members, documents and
   * rounds are the demo's all the same. The end-to-end tests seed one of their own per file beside
   * the demo on one server (`tests/e2e/support/workspace.ts`).
   */
  workspace?: string;
  /**
   * Stops the seeding between two of its steps (a unit, a member, a document, the rounds), each
   * after a turn of the event loop, so that a stop signal is heard: it rejects with the signal's
   * reason (an `AbortError`), the workspace not made (its record is written last), and the next
   * start seeds again.
   */
  signal?: AbortSignal;
}

/** A turn of the event loop, where a signal (SIGTERM) is heard; then throws when `signal` was aborted. */
async function step(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise((next) => setImmediate(next));
  signal.throwIfAborted();
}

function units(workspace: string): UnitRecord[] {
  const list: UnitRecord[] = [{ workspace, code: DEMO_REGION, name: 'Region Stockholm', parent: null }];
  for (const c of STOCKHOLM_CLINICS) list.push({ workspace, code: c.unit, name: c.name, parent: DEMO_REGION });
  for (const c of KIM_CLINICS) {
    if (KIM_UNIT[c.unit] === c.unit) {
      list.push({ workspace, code: c.unit, name: `${c.name} vårdcentral (KIM)`, parent: DEMO_REGION });
    }
  }
  return list;
}

function partnerRows(): RowValues[] {
  const habitsFor = (name: string): string[] =>
    name === 'Hjärt-/lungföreningen' ? ['tobak', 'fysisk-aktivitet'] : [];
  return DEMO_PARTNERS.map((p) => {
    const row: RowValues = { name: p.name, type: p.type, kommun: null, contact: null, email: null, phone: null, comment: 'Nämns i KIM-rapporten (2013–2015).' };
    for (const h of ['tobak', 'alkohol', 'fysisk-aktivitet', 'matvanor']) row[`habits.${h}`] = habitsFor(p.name).includes(h);
    return row;
  });
}

async function putDoc(
  storage: Storage,
  workspace: string,
  now: string,
  id: string,
  kind: DocKind,
  title: string,
  ownerUnit: string,
  rows: RowValues[],
  rowIds?: readonly string[],
  archived = false,
): Promise<void> {
  const ref = { workspace, doc: id };
  if (await storage.getDocRecord(ref)) return;
  const doc = createDoc(kind, { title, ownerUnit, schemaVersion: kindDef(kind).schemaVersion });
  // Its making, as for every document the server makes (shared/validate/other-making.ts). Only here,
  // where the document is new: a stored document is never marked afterwards, since every copy
  // of it made before would then be refused as a copy of another document.
  markMade(doc);
  if (rows.length > 0) insertRows(doc, rows, rowIds ? { ids: rowIds } : {});
  // The record in the append's transaction (`creates`): the store keeps no row of a document without one.
  const record = { ...ref, kind, title, ownerUnit, createdAt: now, updatedAt: now, ...(archived ? { archivedAt: now, archivedBy: null } : {}) };
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null, record, creates: true }]);
  doc.destroy();
}

/**
 * Create the workspace (`opts.workspace`, else {@link DEMO_WORKSPACE}) and its documents when
 * missing, then its demo tokens (kept or new).
 */
export async function seedDemo(storage: Storage, opts: SeedOptions): Promise<DemoTokens> {
  const now = opts.clock().toISOString();
  const workspace = opts.workspace ?? DEMO_WORKSPACE;
  if (!(await storage.getWorkspace(workspace))) {
    await createDemoWorkspace(storage, workspace, now, opts.signal);
    opts.logger.info({ workspace }, 'demo workspace created');
  }
  return demoTokens(storage, workspace, { clock: opts.clock, logger: opts.logger, file: opts.tokenFile ?? null });
}

/**
 * Two follow-up rounds of 2025 for the 15 clinics of seed 001: kv 2 and kv 4, their ids made from
 * their titles as every door makes them (`roundIdOf`: `2025-kv-2`), so the demo's ids are the ones
 * a coordinator gets typing the same title in the pane.
 */
async function demoRounds(storage: Storage, workspace: string): Promise<void> {
  const units = STOCKHOLM_CLINICS.map((c) => c.unit);
  const rounds: RoundDef[] = [
    { id: roundIdOf('2025 kv 2'), title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: ['vc-halsosamtal', 'vc-far-forskrivna'], activities: true, units },
    { id: roundIdOf('2025 kv 4'), title: '2025 kv 4', period: '2025Q4', dueDate: '2026-01-20', indicators: ['vc-halsosamtal', 'vc-far-forskrivna', 'vc-far-uppfoljda-6man'], activities: true, units },
  ];
  await new RoundsStore(storage).change(workspace, null, () => ({ write: { rounds: Object.fromEntries(rounds.map((r) => [r.id, r])) }, result: null }));
}

async function createDemoWorkspace(storage: Storage, workspace: string, now: string, signal: AbortSignal | undefined): Promise<void> {
  for (const u of units(workspace)) {
    await step(signal);
    await storage.putUnit(u);
  }
  for (const m of DEMO_MEMBERS) await storage.putMember({ workspace, ...m });

  // Fixed row ids: the plans below refer to their partners by them.
  await step(signal);
  await putDoc(storage, workspace, now, 'samverkansaktorer', 'partners', 'Samverkansaktörer', DEMO_REGION, partnerRows(), DEMO_PARTNERS.map((p) => demoPartnerId(p.name)));
  for (const [n, clinic] of STOCKHOLM_CLINICS.entries()) {
    await step(signal);
    await putDoc(storage, workspace, now, `aktivitetsplan-${clinic.unit}`, 'activity-plan', `Aktivitetsplan 2025–2026 – ${clinic.name} (exempeldata)`, clinic.unit, clinicPlanRows(clinic, n, now.slice(0, 10)));
  }
  for (const clinic of KIM_CLINICS) {
    const unit = KIM_UNIT[clinic.unit] ?? clinic.unit;
    const title = `KIM 2013–2015 – ${clinic.name} vårdcentral (ur KIM-rapporten)`;
    // Archived: plans of 2013–2015 are history, and the three KIM clinics that own nothing else have
    // ended, so a round that names no units does not wait for them (`endedUnits`, shared/rounds/levels.ts).
    await step(signal);
    await putDoc(storage, workspace, now, kimPlanId(clinic.unit), 'activity-plan', title, unit, activityRows(clinic.unit, clinic.name, now.slice(0, 10)), undefined, true);
  }
  await step(signal);
  await putDoc(storage, workspace, now, 'handlingsplan', 'action-plan', 'Handlingsplan 2025–2026 – länet', DEMO_REGION, actionPlanRows(DEMO_REGION));
  await step(signal);
  await putDoc(storage, workspace, now, 'indikatorkatalog', 'indicator-catalog', 'Strategi för hälsa – 22 indikatorer och vårdcentralernas egna', DEMO_REGION, catalogRows());
  await step(signal);
  await putDoc(
    storage,
    workspace,
    now,
    'indikatorvarden',
    'indicator-values',
    'Indikatorvärden (exempeldata)',
    DEMO_REGION,
    [
      ...valueRows({ regionUnit: DEMO_REGION, clinicUnits: STOCKHOLM_CLINICS.map((c) => c.unit), periods: ['2023', '2024', '2025'] }),
      ...clinicValueRows(
        STOCKHOLM_CLINICS.map((c) => c.unit),
        ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
      ),
    ],
  );
  await step(signal);
  await demoRounds(storage, workspace);
  await step(signal);
  // Last, so that a crash half way leaves no workspace and the next start seeds again.
  await storage.putWorkspace({ id: workspace, name: 'Region Stockholm – hälsofrämjande befolkningsinriktade insatser', createdAt: now });
}
