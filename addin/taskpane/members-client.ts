/**
 * The Members view's calls to `/v1/workspaces/:ws/members|tokens` with the pane's own session or
 * token. Refusals come back as {@link MembersError} with the server's code and sentence, so the
 * view can say what went wrong (a personnummer in a name, a coordinator touching an admin…).
 */
import { z } from 'zod';
import { memberRemovalsAnswerSchema, type MemberRemoval } from '../../shared/protocol/member-removals.js';
import { roleSchema } from '../../shared/protocol/roles.js';
import { unconfirmedOf, type RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import { astr } from './account-strings.js';
import { errorText, type Lang } from './strings.js';
import { refusalWordsOf, type IdentityWords } from './refusal-words.js';

const memberSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema, units: z.array(z.string()) });
const tokenSchema = z.looseObject({
  id: z.string(),
  memberId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  kind: z.enum(['token', 'session']).optional(),
});

/**
 * A person removed from the workspace and not added again: their member id and display name at
 * the removal (null when the server kept none), who removed them (member id and name, null for
 * the command line) and when (ISO time); see `memberRemovalSchema`.
 */
export type RemovedMember = MemberRemoval;

/** A member as the view shows it. */
export type MemberInfo = z.infer<typeof memberSchema>;
/** A token or session as listed (never its secret). */
export type TokenListing = z.infer<typeof tokenSchema>;

/**
 * A refused call: the server's code, its English sentence (`message`) and, when the server gave
 * them, its words in both languages (`details.message { sv, en }`); see {@link refusalText}.
 */
export class MembersError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly words: Partial<Record<Lang, string>> | null = null,
    /** The server's `details` (where a refused character is: `details.index`). */
    readonly details: unknown = null,
    /** The HTTP status of the refusal; null when the server was not reached. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'MembersError';
  }
}

/** The server's `details.message` when it holds text in either language, else null. */
function wordsOf(details: unknown): Partial<Record<Lang, string>> | null {
  const message = (details as { message?: { sv?: unknown; en?: unknown } } | null | undefined)?.message;
  if (!message || typeof message !== 'object') return null;
  const words: Partial<Record<Lang, string>> = {};
  if (typeof message.sv === 'string' && message.sv.trim() !== '') words.sv = message.sv;
  if (typeof message.en === 'string' && message.en.trim() !== '') words.en = message.en;
  return words.sv || words.en ? words : null;
}

/** Calls for one workspace with one credential. */
export class MembersClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly workspace: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  private async call(path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.serverUrl}/v1/workspaces/${encodeURIComponent(this.workspace)}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${this.token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch (err) {
      throw new MembersError('unreachable', err instanceof Error ? err.message : String(err));
    }
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    if (!res.ok) throw new MembersError(json?.error?.code ?? `http-${res.status}`, json?.error?.message ?? res.statusText, wordsOf(json?.error?.details), json?.error?.details ?? null, res.status);
    return json;
  }

  /** Everyone in the workspace. */
  async members(): Promise<MemberInfo[]> {
    return z.object({ members: z.array(memberSchema) }).parse(await this.call('/members')).members;
  }

  /** The people removed and not added again (`GET …/member-removals`), by id. */
  async removals(): Promise<RemovedMember[]> {
    return memberRemovalsAnswerSchema.parse(await this.call('/member-removals')).removals;
  }

  /**
   * Invite (new id) or change a member; the server lower-cases an e-mail id. Resolves with the
   * server's words (`unconfirmed`) when not every server process confirmed the change, else null.
   */
  async putMember(member: MemberInfo): Promise<RightsUnconfirmed | null> {
    return unconfirmedOf(await this.call('/members', { method: 'POST', body: member }));
  }

  /**
   * Remove a member; its tokens are revoked and its open connections closed, and the removal is
   * kept (listed by {@link removals}) until the id is added again with {@link putMember}. Resolves
   * with the server's words when not every server process confirmed it, else null.
   */
  async removeMember(id: string): Promise<RightsUnconfirmed | null> {
    return unconfirmedOf(await this.call(`/members/${encodeURIComponent(id)}`, { method: 'DELETE' }));
  }

  /** Tokens and sessions of the workspace. */
  async tokens(): Promise<TokenListing[]> {
    return z.object({ tokens: z.array(tokenSchema) }).parse(await this.call('/tokens')).tokens;
  }

  /** Create an API token; the secret is in the answer only this once. */
  async createToken(memberId: string, label: string, expiresInDays: number | null): Promise<{ token: string; record: TokenListing }> {
    const body = { memberId, label, ...(expiresInDays ? { expiresInDays } : {}) };
    return z.object({ token: z.string(), record: tokenSchema }).parse(await this.call('/tokens', { method: 'POST', body }));
  }

  /** Revoke a token; sockets using it close at once. Resolves with the server's words when not every server process confirmed it, else null. */
  async revokeToken(id: string): Promise<RightsUnconfirmed | null> {
    return unconfirmedOf(await this.call('/tokens', { method: 'DELETE', body: { id } }));
  }
}

/** The Members view's sentences for a name or id refused for an identity number. */
const IDENTITY_WORDS: IdentityWords = {
  number: {
    sv: 'Ett namn eller id liknar ett personnummer och sparades inte.',
    en: 'A name or id looks like a personnummer; it was not saved.',
  },
  reserve: {
    sv: 'Ett namn eller id innehåller ett reservnummer och sparades inte. Personnummer och reservnummer sparas inte i Samplan.',
    en: 'A name or id contains a reserve identity number (reservnummer); it was not saved. Samplan stores no identity numbers.',
  },
};

/**
 * The sentence for a refusal in `lang`, by the one mapping of server codes (`refusal-words.ts`):
 * the Members view's own words for an identity number, else the server's words in `lang`
 * (`details.message`), else the pane's words for a role refusal, else the pane's sentence for
 * what happened (`errorText`): the server not reached, a sign-in or token that no longer holds
 * (401), nothing there (404), a request refused (its code), else a fault of the server. Never the
 * browser's or a proxy's English (`Failed to fetch`, `Bad Gateway`).
 */
export function refusalText(err: unknown, lang: Lang): string {
  if (!(err instanceof MembersError)) return errorText('server', lang);
  // The server's words say which refusal it was (a coordinator touching an admin is not "only admins and coordinators").
  if (err.code === 'forbidden' && !err.words?.[lang]) return astr('members.forbidden', lang);
  return refusalWordsOf({ code: err.code, status: err.status, details: err.details }, lang, IDENTITY_WORDS);
}
