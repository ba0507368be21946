/**
 * `samplan workspace …` and `samplan unit …`: creating, renaming and listing workspaces and their
 * units from the command line, with the same checks and audit lines as the API (`http/units.ts`).
 *
 * @example
 * samplan workspace create --id hbi-jonkoping --name "Hälsofrämjande Jönköping"
 * samplan unit add --workspace hbi-jonkoping --code region --name "Region Jönköpings län"
 * samplan unit rename --workspace hbi-jonkoping --code region --name "Region Jönköping"
 */
import { z } from 'zod';
import { checkUnitArguments, checkWorkspaceArguments, WorkspaceUsageError, type WorkspaceFlags } from './cli-workspace-args.js';
import type { CliLang } from './cli-lang.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { issueWordsSv } from '../shared/i18n/issue-words.js';
import { changeUnitChecked, createWorkspace, putUnitChecked } from './http/units.js';
import { unitBodySchema, workspaceBodySchema } from './http/unit-bodies.js';
import { AppError } from './http/errors.js';
import { assertNoIdentity } from './storage/record-text.js';
import type { Storage } from './storage/storage.js';
import { quoted } from './cli-args.js';
import { unitNotFoundWords } from './cli-unit-codes.js';

/**
 * Resolves when workspace `id` exists; otherwise throws {@link WorkspaceUsageError} (in Swedish and English) naming it and
 * the workspaces the database has, so a mistyped id is not reported as a missing member, unit or
 * document of it, nor listed as nothing.
 *
 * @example
 * await requireWorkspace(storage, 'hbi-stokholm'); // There is no workspace "hbi-stokholm" in this database; it has hbi-stockholm.
 */
export async function requireWorkspace(storage: Storage, id: string | undefined): Promise<string> {
  if (id && (await storage.getWorkspace(id))) return id;
  const known = (await storage.listWorkspaces()).map((w) => w.id);
  const has = known.length === 0 ? { sv: 'den har inga än (samplan workspace create)', en: 'it has none yet (samplan workspace create)' } : { sv: `den har ${known.join(', ')}`, en: `it has ${known.join(', ')}` };
  throw new WorkspaceUsageError(
    id
      ? { sv: `Det finns ingen arbetsyta ${quoted(id)} i den här databasen; ${has.sv}.`, en: `There is no workspace ${quoted(id)} in this database; ${has.en}.` }
      : { sv: `Ange --workspace; den här databasen ${has.sv.replace(/^den /, '')}.`, en: `Give --workspace; this database ${has.en.replace(/^it /, '')}.` },
  );
}

/**
 * `value` read by `schema`, the API's; else a {@link WorkspaceUsageError} (an argument error)
 * saying `Missing --<flag>.` or what is wrong with the first flag the schema refused, in both
 * languages. The CLI checked the flags before (`checkWorkspaceArguments`, without zod); this reads them for the write.
 */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const flag = String(issue?.path[0] ?? 'id');
  if (typeof value === 'object' && value !== null && flag in value && (value as Record<string, unknown>)[flag] === undefined) {
    throw new WorkspaceUsageError({ sv: `--${flag} saknas.`, en: `Missing --${flag}.` }, true);
  }
  const words = issue ? { sv: issueWordsSv(issue), en: issueWordsEn(issue) } : { sv: 'är inte giltigt', en: 'is not valid' };
  throw new WorkspaceUsageError({ sv: `--${flag} ${words.sv}.`, en: `--${flag} ${words.en}.` }, true);
}

/**
 * `workspace create|rename|list`; resolves with the exit code. Errors of the API are printed as
 * their sentence; its lines are in `lang` (`cli-lang.ts`), `list`'s tab-separated rows the same in both.
 */
export async function workspaceCommand(sub: string | undefined, rest: string[], flags: WorkspaceFlags, storage: Storage, log: (line: string) => void, argumentsChecked = false, lang: CliLang = 'en'): Promise<number> {
  if (!argumentsChecked) checkWorkspaceArguments(sub, rest, flags);
  const at = new Date().toISOString();
  if (sub === 'create') {
    const body = parsed(workspaceBodySchema, { id: flags.id, name: flags.name });
    await createWorkspace(storage, body, at, null);
    log(
      {
        sv: `Arbetsytan ${body.id} skapades. Lägg till dess första administratör med: samplan member add --workspace ${body.id} --id … --name … --role admin`,
        en: `Workspace ${body.id} created. Add its first admin with: samplan member add --workspace ${body.id} --id … --name … --role admin`,
      }[lang],
    );
    return 0;
  }
  if (sub === 'rename') {
    const id = rest[0] ?? flags.workspace ?? flags.id ?? '';
    const ws = await storage.getWorkspace(id);
    if (!ws) throw new WorkspaceUsageError({ sv: `Det finns ingen arbetsyta ${quoted(id)}.`, en: `There is no workspace ${quoted(id)}.` });
    const { name } = parsed(z.object({ name: workspaceBodySchema.shape.name }), { name: flags.name });
    await createOrRename(storage, { ...ws, name }, at);
    log({ sv: `Arbetsytan ${ws.id} heter nu "${name}".`, en: `Workspace ${ws.id} renamed to "${name}".` }[lang]);
    return 0;
  }
  if (sub === 'list') {
    for (const ws of await storage.listWorkspaces()) log([ws.id, ws.createdAt, ws.name].join('\t'));
    return 0;
  }
  throw new WorkspaceUsageError({ sv: `Okänt workspace-kommando ${quoted(sub ?? '')}; använd create, rename eller list.`, en: `Unknown workspace command ${quoted(sub ?? '')}; use create, rename or list.` }, true);
}

async function createOrRename(storage: Storage, ws: { id: string; name: string; createdAt: string }, at: string): Promise<void> {
  assertNoIdentity('workspace', { name: ws.name });
  // The new name and its audit line in one transaction: both, or neither when the write fails.
  await storage.putWorkspace(ws, [{ at, workspace: ws.id, doc: null, memberId: null, action: 'workspace', bytes: 0, detail: 'renamed' }]);
}

/** `unit add|rename|list`; resolves with the exit code; its lines in `lang`, `list`'s rows the same in both. */
export async function unitCommand(sub: string | undefined, flags: WorkspaceFlags, storage: Storage, log: (line: string) => void, argumentsChecked = false, lang: CliLang = 'en'): Promise<number> {
  if (!argumentsChecked) checkUnitArguments(sub, flags);
  const workspace = await requireWorkspace(storage, flags.workspace);
  const units = await storage.listUnits(workspace);
  const at = new Date().toISOString();
  if (sub === 'add') {
    const body = parsed(unitBodySchema, { code: flags.code, name: flags.name, parent: flags.parent ?? null });
    if (units.some((u) => u.code === body.code)) {
      throw new AppError(409, 'unit-exists', { sv: `Arbetsytan har redan en enhet ${body.code}; använd unit rename.`, en: `The workspace already has a unit ${body.code}; use unit rename.` });
    }
    await putUnitChecked(storage, { workspace, ...body }, at, null);
    const under = body.parent ? ` under ${body.parent}` : '';
    log({ sv: `Enheten ${body.code} lades till i ${workspace}${under}.`, en: `Unit ${body.code} added to ${workspace}${under}.` }[lang]);
    return 0;
  }
  if (sub === 'rename') {
    const { name } = parsed(z.object({ name: unitBodySchema.shape.name }), { name: flags.name });
    const changed = await changeUnitChecked(storage, { workspace, code: flags.code ?? '' }, { name, ...(flags.parent !== undefined ? { parent: flags.parent || null } : {}) }, at, null);
    // --code is given (checked before), so the refusal is of the code: not found, with the codes near it.
    if (!changed) throw new WorkspaceUsageError(unitNotFoundWords(workspace, flags.code ?? '', units.map((u) => u.code)));
    log({ sv: `Enheten ${changed.code} heter nu "${name}".`, en: `Unit ${changed.code} renamed to "${name}".` }[lang]);
    return 0;
  }
  if (sub === 'list') {
    for (const u of units) log([u.code, u.parent ?? '-', u.name].join('\t'));
    return 0;
  }
  throw new WorkspaceUsageError({ sv: `Okänt unit-kommando ${quoted(sub ?? '')}; använd add, rename eller list.`, en: `Unknown unit command ${quoted(sub ?? '')}; use add, rename or list.` }, true);
}
