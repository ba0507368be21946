/**
 * Creating and renaming workspaces and units over the API (the CLI has `workspace` and `unit`
 * commands doing the same through {@link createWorkspace} and {@link putUnitChecked}):
 * - `POST /v1/workspaces {id, name}` — an admin creates a workspace and becomes its first admin;
 * - `PATCH /v1/workspaces/:ws {name}` — an admin renames it;
 * - `POST /v1/workspaces/:ws/units {code, name, parent?}` — admins and coordinators add a unit;
 * - `PATCH /v1/workspaces/:ws/units/:code {name?, parent?}` — and rename or move it.
 * Every name passes the personnummer guard; every change is one audit line.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { lookAlike } from '../../shared/validate/name-key.js';
import { assertNoIdentity } from '../storage/record-text.js';
import { RecordExistsError } from '../storage/record-exists.js';
import type { AuditRecord, MemberRecord, Storage, UnitRecord, WorkspaceRecord } from '../storage/storage.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AppError, notFound, validationHook, workspaceNotFound } from './errors.js';
import { unitRenamedDetail } from './import-former-names.js';
import { unitBodySchema, unitPatchSchema, workspaceBodySchema, workspaceRenameSchema } from './unit-bodies.js';
import { unknownUnitWords } from '../close-codes.js';


/**
 * Create workspace `id`; 409 `workspace-exists` when it is taken. Throws `IdentityInTextError`
 * for an identity number in the id or name. With `creator` (a REST request's member), that member
 * is made the workspace's admin under the same id and name, and a `created <id>` line is kept in
 * the creator's own workspace too, all in the workspace's one transaction (`Storage.putWorkspace`).
 */
export async function createWorkspace(
  storage: Storage,
  body: { id: string; name: string },
  at: string,
  by: string | null,
  creator?: { workspace: string; id: string; name: string },
): Promise<WorkspaceRecord> {
  assertNoIdentity('workspace', { id: body.id, name: body.name });
  const taken = () => new AppError(409, 'workspace-exists', { sv: `Det finns redan en arbetsyta "${body.id}".`, en: `There is already a workspace "${body.id}".` });
  if (await storage.getWorkspace(body.id)) throw taken();
  const ws: WorkspaceRecord = { id: body.id, name: body.name, createdAt: at };
  // The workspace, its audit lines and its creator's membership in one transaction: all, or
  // nothing when the write fails (never a workspace with no admin).
  const lines: AuditRecord[] = [{ at, workspace: body.id, doc: null, memberId: by, action: 'workspace', bytes: 0, detail: `created ${body.id}` }];
  if (creator) lines.push({ at, workspace: creator.workspace, doc: null, memberId: creator.id, action: 'workspace', bytes: 0, detail: `created ${body.id}` });
  const admin: MemberRecord | undefined = creator && { workspace: ws.id, id: creator.id, name: creator.name, role: 'admin', units: [] };
  // Create-only in the store: of creators at once (all past the read above) one stores it, the others get 409.
  await storage.putWorkspace(ws, lines, admin, { create: true }).catch((err: unknown) => {
    throw err instanceof RecordExistsError ? taken() : err;
  });
  return ws;
}

/**
 * Add or change a unit of `workspace`: the parent must be another known unit, and a unit may not
 * become its own ancestor, nor be named like another unit of the workspace (`nameKey`: case,
 * invisible characters, spacing and composition aside). 400 `unknown-unit` / `unit-cycle`, 409
 * `unit-name-taken` naming the other unit in `details.existing`, 409 `unit-exists` for a code
 * another request added meanwhile; 422 for an identity number. The rules are checked by the store
 * on the tree as stored, in the write's transaction (`PutUnitOptions.check`): two requests at once
 * (moving two units under each other, adding two look-alike names) are checked one after the
 * other, in this process or another on the same database, and the second is refused. `from`, the
 * stored unit `unit` was made from, is for {@link changeUnitChecked}: the write is refused (and made
 * again there) when another write changed the unit since.
 */
export async function putUnitChecked(storage: Storage, unit: UnitRecord, at: string, by: string | null, from?: UnitRecord): Promise<{ created: boolean }> {
  assertNoIdentity('unit', { code: unit.code, name: unit.name, parent: unit.parent });
  const created = from === undefined && !(await storage.listUnits(unit.workspace)).some((u) => u.code === unit.code);
  // The unit and its audit line in one transaction: both, or neither when the write fails. A
  // creation is create-only in the store: of requests adding the same code at once, one stores it.
  // A rename keeps the name it had, so a file typed before it is read onto the unit (`formerUnitNames`).
  const renamed = from !== undefined && from.name !== unit.name;
  const detail = created ? `added ${unit.code}` : renamed ? unitRenamedDetail(unit.code, from.name) : `changed ${unit.code}`;
  const line: AuditRecord = { at, workspace: unit.workspace, doc: null, memberId: by, action: 'unit', bytes: 0, detail };
  const check = (stored: readonly UnitRecord[]) => {
    const now = stored.find((u) => u.code === unit.code);
    if (from && (now?.name !== from.name || now.parent !== from.parent)) throw new UnitChangedMeanwhile();
    assertUnitFits(unit, stored);
  };
  await storage.putUnit(unit, [line], { create: created, check }).catch((err: unknown) => {
    if (!(err instanceof RecordExistsError)) throw err;
    throw new AppError(409, 'unit-exists', {
      sv: `Enheten ${unit.code} lades till av någon annan samtidigt; läs om listan och försök igen.`,
      en: `Unit ${unit.code} was added by someone else at the same moment; reload the list and try again.`,
    });
  });
  return { created };
}

/** The stored unit a change was made from was written by another change before this one's write. */
class UnitChangedMeanwhile extends Error {}

/** How often {@link changeUnitChecked} makes its change again on a unit another change wrote meanwhile. */
const CHANGE_TRIES = 5;

/**
 * Change the stored unit `code` of `workspace` by `patch` (its name, its parent: null for the top),
 * written as {@link putUnitChecked} writes (same refusals), made on the unit as stored at the write:
 * of a rename and a move of one unit sent at the same moment, both are kept (the write of one made
 * on the unit read before the other is made again on the unit as the other left it). Resolves with
 * the unit written, or null when the workspace has no unit `code`; 409 `unit-changed` when other
 * changes kept landing first.
 */
export async function changeUnitChecked(
  storage: Storage,
  ref: { workspace: string; code: string },
  patch: { name?: string | undefined; parent?: string | null | undefined },
  at: string,
  by: string | null,
): Promise<UnitRecord | null> {
  for (let tries = 1; ; tries++) {
    const current = (await storage.listUnits(ref.workspace)).find((u) => u.code === ref.code);
    if (!current) return null;
    const unit: UnitRecord = { ...current, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.parent !== undefined ? { parent: patch.parent } : {}) };
    try {
      await putUnitChecked(storage, unit, at, by, current);
      return unit;
    } catch (err) {
      if (!(err instanceof UnitChangedMeanwhile)) throw err;
      if (tries >= CHANGE_TRIES) {
        throw new AppError(409, 'unit-changed', {
          sv: `Enheten ${ref.code} ändrades av andra samtidigt; läs om listan och försök igen.`,
          en: `Unit ${ref.code} was being changed by others at the same moment; reload the list and try again.`,
        });
      }
    }
  }
}

/** Throws the `AppError` of {@link putUnitChecked} when `unit` does not fit the `stored` units of its workspace. */
function assertUnitFits(unit: UnitRecord, stored: readonly UnitRecord[]): void {
  const units = new Map(stored.map((u) => [u.code, u]));
  const twin = lookAlike(unit.name, stored.filter((u) => u.code !== unit.code), (u) => u.name);
  if (twin !== undefined) {
    throw new AppError(
      409,
      'unit-name-taken',
      {
        sv: `Arbetsytan har redan en enhet som heter "${twin.name}" (${twin.code}); två enheter får inte ha namn som ser likadana ut. Välj ett annat namn.`,
        en: `The workspace already has a unit named "${twin.name}" (${twin.code}); two units may not have names that look alike. Choose another name.`,
      },
      { existing: { code: twin.code, name: twin.name } },
    );
  }
  if (unit.parent === null) return;
  if (!units.has(unit.parent)) {
    throw new AppError(400, 'unknown-unit', unknownUnitWords([unit.parent], [...units.keys()]), { units: [unit.parent] });
  }
  for (let p: string | null = unit.parent, hops = 0; p !== null && hops <= units.size; p = units.get(p)?.parent ?? null, hops++) {
    if (p === unit.code) {
      throw new AppError(400, 'unit-cycle', {
        sv: `Enheten ${unit.code} kan inte läggas under ${unit.parent}, som själv ligger under den.`,
        en: `Unit ${unit.code} cannot be placed under ${unit.parent}, which lies under it.`,
      });
    }
  }
}

/** The workspace and unit routes, mounted at `/v1/workspaces`. */
export function unitRoutes(deps: RouteDeps) {
  const { storage, clock } = deps;
  const app = new Hono<AuthEnv>();

  app.post('/', zValidator('json', workspaceBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    assertCan(p, 'admin', { workspace: p.workspace });
    const body = c.req.valid('json');
    const at = clock().toISOString();
    // Whoever creates it administers it, under the same id and name.
    const ws = await createWorkspace(storage, body, at, p.memberId, { workspace: p.workspace, id: p.memberId, name: p.name });
    return c.json({ workspace: ws }, 201);
  });

  app.patch('/:ws', zValidator('json', workspaceRenameSchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'admin', { workspace: id });
    const ws = await storage.getWorkspace(id);
    if (!ws) throw workspaceNotFound(id);
    const { name } = c.req.valid('json');
    assertNoIdentity('workspace', { name });
    const at = clock().toISOString();
    await storage.putWorkspace({ ...ws, name }, [{ at, workspace: id, doc: null, memberId: p.memberId, action: 'workspace', bytes: 0, detail: 'renamed' }]);
    return c.json({ workspace: { ...ws, name } });
  });

  app.post('/:ws/units', zValidator('json', unitBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    const body = c.req.valid('json');
    if ((await storage.listUnits(id)).some((u) => u.code === body.code)) {
      const message = { sv: `Arbetsytan har redan en enhet ${body.code}; ändra den i stället.`, en: `The workspace already has a unit ${body.code}; change it with PATCH.` };
      throw new AppError(409, 'unit-exists', message);
    }
    const unit: UnitRecord = { workspace: id, ...body };
    await putUnitChecked(storage, unit, clock().toISOString(), p.memberId);
    return c.json({ unit }, 201);
  });

  app.patch('/:ws/units/:code', zValidator('json', unitPatchSchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    const code = c.req.param('code');
    const unit = await changeUnitChecked(storage, { workspace: id, code }, c.req.valid('json'), clock().toISOString(), p.memberId);
    if (!unit) throw notFound('unit-not-found', { sv: `Arbetsytan har ingen enhet ${code}.`, en: `The workspace has no unit ${code}.` });
    return c.json({ unit });
  });

  return app;
}
