/**
 * The commands that decide who reaches a workspace: `samplan token` (create, list, revoke API
 * tokens) and `samplan member` (add, remove, list members), their options read by
 * `cli-access-args.ts`. What they change is told to running servers through Redis when it is set
 * (`cli-rights.ts`), else the servers see it in storage.
 */
import { createToken, listTokens } from './auth/tokens.js';
import { alsoEndedDetail } from './auth/sign-in-end.js';
import { requireWorkspace } from './cli-workspace.js';
import { putMember, removalWords, removeMember } from './http/put-member.js';
import { CliError, quoted, type Flags } from './cli-args.js';
import type { CliLang } from './cli-lang.js';
import { ROLE_WORDS } from '../shared/i18n/round-messages.js';
import { checkMemberArguments, checkTokenArguments, expiryWords, type MemberArguments, type TokenArguments } from './cli-access-args.js';
import { announceRightsChange, type RightsAnnounce } from './cli-rights.js';
import type { Storage } from './storage/storage.js';
import { LastAdminError } from './storage/last-admin.js';
import { numberText } from '../shared/i18n/number-words.js';

/** Runs `fn` on the configured store and closes it (`withStorage` in `cli.ts`). */
export type WithStorage = (fn: (storage: Storage) => Promise<number>) => Promise<number>;

/** Prints one line (stdout for what a command did, stderr for what it could not announce). */
export type Print = (line: string) => void;

/** The workspace of token `id` (one read by key per workspace), or null when no workspace has it. */
async function workspaceOfToken(storage: Storage, id: string): Promise<string | null> {
  for (const ws of await storage.listWorkspaces()) if (await storage.getToken(ws.id, id)) return ws.id;
  return null;
}

/**
 * `samplan token create|list|revoke`. The arguments are checked before `withStorage` opens the
 * store ({@link checkTokenArguments}, which `cli-check.ts` runs before this module is loaded);
 * `announce` says where a revocation is announced to the running servers (`cli-rights.ts`: Redis,
 * or without it on PostgreSQL a sentence that none confirmed it). What it did goes to `print`, a
 * change it could not announce to `warn`; resolves with the exit code, throws {@link CliError} for
 * a mistake or a refusal. Its lines and refusals are in `lang` (`cli-lang.ts`); `token list`'s
 * tab-separated rows are data, the same in both.
 */
export async function tokenCommand(
  sub: string | undefined,
  rest: string[],
  flags: Flags,
  announce: RightsAnnounce,
  withStorage: WithStorage,
  print: Print,
  warn: Print,
  checked: TokenArguments = checkTokenArguments(sub, rest, flags, new Date()),
  lang: CliLang = 'en',
): Promise<number> {
  const now = new Date();
  const { create, revoke } = checked;
  return withStorage(async (storage) => {
    if (create) {
      const { workspace, memberId, label, expiresAt } = create;
      await requireWorkspace(storage, workspace);
      // Audited as POST /v1/workspaces/:ws/tokens is (`created <id> for <member>`, by the command line), in the token's transaction.
      const { secret, record } = await createToken(storage, { workspace, memberId, label, expiresAt, clock: () => now, auditBy: null });
      // When it expires, in the coordinators' time and in UTC: a bare ISO instant read as the morning of the wrong day.
      const when = expiresAt ? expiryWords(expiresAt) : null;
      const expiry = when ? { sv: `, går ut ${when.sv}`, en: `, expires ${when.en}` } : { sv: ', går inte ut', en: ', does not expire' };
      print({ sv: `Token ${record.id} för ${memberId} i ${workspace}${expiry.sv}.`, en: `Token ${record.id} for ${memberId} in ${workspace}${expiry.en}.` }[lang]);
      print({ sv: 'Hemligheten visas bara den här gången:', en: 'The secret is shown only this once:' }[lang]);
      // On a line of its own in either language: the one line a script takes.
      print(secret);
      return 0;
    }
    if (sub === 'list') {
      const workspaces = flags.workspace ? [await requireWorkspace(storage, flags.workspace)] : (await storage.listWorkspaces()).map((w) => w.id);
      for (const ws of workspaces) {
        for (const t of await listTokens(storage, ws, now)) {
          print([t.id, t.workspace, t.memberId, t.status, t.expiresAt ?? '-', t.label].join('\t'));
        }
      }
      return 0;
    }
    const id = revoke;
    if (id !== null) {
      // Audited as DELETE /v1/workspaces/:ws/tokens is (`revoked <id>`, by the command line), in the revocation's transaction.
      const at = now.toISOString();
      const workspace = await workspaceOfToken(storage, id);
      const line = workspace === null ? [] : [{ at, workspace, doc: null, memberId: null, action: 'token', bytes: 0, detail: `revoked ${id}` }];
      if (workspace === null || !(await storage.revokeToken(id, at, line))) throw new CliError({ sv: `Det finns ingen aktiv token med id ${quoted(id)}.`, en: `There is no active token with id ${quoted(id)}.` });
      // A session's sign-in ends with it, after its revocation committed, in the token's workspace
      // alone, as the Members view's revocation does (`server/auth/sign-in-end.ts`).
      const also = await storage.revokeSameSignIn(id, at, workspace, (g) => ({ at, workspace, doc: null, memberId: null, action: 'token', bytes: 0, detail: alsoEndedDetail(g.ids) }));
      print({ sv: `Token ${id} återkallad.`, en: `Token ${id} revoked.` }[lang]);
      if (also.length > 0) print({ sv: `Också återkallade, som sessioner av samma inloggning: ${also.join(', ')}.`, en: `Also revoked, as sessions of the same sign-in: ${also.join(', ')}.` }[lang]);
      const unannounced = await Promise.all([id, ...also].map((tokenId) => announceRightsChange(announce, { hook: 'tokenRevoked', tokenId })));
      for (const words of new Set(unannounced.map((w) => w?.[lang]))) if (words) warn(words);
      return 0;
    }
    throw new CliError({ sv: `Okänt token-kommando ${quoted(sub ?? '')}; använd create, list eller revoke.`, en: `Unknown token command ${quoted(sub ?? '')}; use create, list or revoke.` }, true);
  });
}

/**
 * `write`, with the store's refusal to take away a workspace's last admin (`storage/last-admin.ts`)
 * made a refusal of the command (exit 2) in both languages; other errors as they come.
 */
async function refusingLastAdmin<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof LastAdminError) throw new CliError(err.localized);
    throw err;
  }
}

/**
 * `samplan member add|remove|list`, as the REST routes add and remove members (`put-member.ts`).
 * The arguments are checked before `withStorage` opens the store; a change or removal is announced
 * through `announce` as {@link tokenCommand}'s revocation is; its lines in `lang`, `member list`'s
 * rows the same in both. Resolves with the exit code.
 */
export async function memberCommand(
  sub: string | undefined,
  flags: Flags,
  announce: RightsAnnounce,
  withStorage: WithStorage,
  print: Print,
  warn: Print,
  checked: MemberArguments = checkMemberArguments(sub, flags),
  lang: CliLang = 'en',
): Promise<number> {
  const { add, remove } = checked;
  return withStorage(async (storage) => {
    if (add) {
      const { workspace, body } = add;
      await requireWorkspace(storage, workspace);
      const { member, created, lifted } = await refusingLastAdmin(putMember(storage, workspace, body, { at: new Date().toISOString(), by: null }));
      const units = member.units.join(', ');
      print(
        {
          sv: `Medlemmen ${member.id} ${created ? 'lades till i' : 'ändrades i'} ${workspace} som ${ROLE_WORDS[member.role].sv}${units ? ` för ${units}` : ''}${lifted ? `, vilket häver ${removalWords(lifted, 'sv')}` : ''}.`,
          en: `Member ${member.id} ${created ? 'added to' : 'updated in'} ${workspace} as ${member.role}${units ? ` of ${units}` : ''}${lifted ? `, lifting ${removalWords(lifted)}` : ''}.`,
        }[lang],
      );
      const unannounced = created ? null : await announceRightsChange(announce, { hook: 'memberChanged', member });
      if (unannounced) warn(unannounced[lang]);
      return 0;
    }
    if (remove) {
      const { workspace, id } = remove;
      await requireWorkspace(storage, workspace);
      // The same removal, kept removal and audit line as DELETE /v1/workspaces/:ws/members/:id.
      const removed = await refusingLastAdmin(removeMember(storage, workspace, id, { at: new Date().toISOString(), by: null }));
      if (!removed) {
        throw new CliError({
          sv: `Det finns ingen medlem ${quoted(id)} i ${workspace}; samplan member list --workspace ${workspace} listar dem.`,
          en: `There is no member ${quoted(id)} in ${workspace}; samplan member list --workspace ${workspace} lists them.`,
        });
      }
      const n = removed.tokensRevoked;
      const tokens = n === 1 ? { sv: '1 token eller session återkallad', en: '1 token or session revoked' } : { sv: `${numberText(n, 'sv')} token eller sessioner återkallade`, en: `${numberText(n, 'en')} tokens or sessions revoked` };
      print(
        {
          sv: `Medlemmen ${id} togs bort från ${workspace} (${tokens.sv}); inloggning med jobbkonto lägger inte till hen igen förrän hen läggs till på nytt.`,
          en: `Member ${id} removed from ${workspace} (${tokens.en}); work-account sign-in does not add them back until they are added again.`,
        }[lang],
      );
      const unannounced = await announceRightsChange(announce, { hook: 'memberRemoved', workspace, memberId: id });
      if (unannounced) warn(unannounced[lang]);
      return 0;
    }
    if (sub === 'list') {
      const workspaces = flags.workspace ? [await requireWorkspace(storage, flags.workspace)] : (await storage.listWorkspaces()).map((w) => w.id);
      for (const ws of workspaces) {
        for (const m of await storage.listMembers(ws)) print([m.id, ws, m.role, m.units.join(','), m.name].join('\t'));
      }
      return 0;
    }
    throw new CliError({ sv: `Okänt member-kommando ${quoted(sub ?? '')}; använd add, remove eller list.`, en: `Unknown member command ${quoted(sub ?? '')}; use add, remove or list.` }, true);
  });
}
