/**
 * Rights read again at the write, for every REST write. A request is authenticated and checked
 * when it arrives, but writes later: after reading and checking a file (seconds for a large
 * import), after waiting its turn in a workspace's rounds queue, after reading the records it
 * changes. A token revoked, a member removed or a role lowered meanwhile must not let it write,
 * as it lets no socket (`server/auth/reassess.ts`).
 *
 * One step for every handler: {@link writeScope} runs each request that may write (any method
 * but GET, HEAD and OPTIONS) with its arrival principal in an async context, and the storage the
 * routes are given ({@link rightsAtWrite}) reads the token and the member again
 * (`current-principal.ts`) before the request's first write of a record or a document, once per
 * request. Revoked, expired, or gone: 401, as if the request arrived now. A right lost (a lower
 * role, a unit taken away): 403 in Swedish and English. Nothing is written then. The writes of a
 * request after its first are not checked again, so a request that removes its own member or
 * lowers its own role finishes what it began. Audit lines are written unchecked: they record what
 * was done. Sockets' writes (the sync rooms) take the storage unwrapped; a REST write into a
 * document reads the principal again in `doc-access.ts` and the room checks it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createMiddleware } from 'hono/factory';
import type { Principal } from '../auth/principal.js';
import type { Role, Storage } from '../storage/storage.js';
import type { AuthEnv } from './context.js';
import { AppError } from './errors.js';

/** The request a write serves: who it arrived as, and the one check of its rights now. */
interface WriteScope {
  principal: Principal;
  /** False once the handler has answered: work it left running is not the request's write. */
  open: boolean;
  checked: Promise<void> | null;
}

const scope = new AsyncLocalStorage<WriteScope>();

/** Methods that never write (`OPTIONS` answers CORS). */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Storage methods that store what a request decided; {@link rightsAtWrite} checks before each.
 * Not `appendAudit` (a record of what was done, written after it) nor `compact` (upkeep).
 */
const GATED = new Set<keyof Storage>([
  'appendUpdates',
  'appendAfter',
  'appendMany',
  'putWorkspace',
  'putUnit',
  'putDocRecord',
  'updateDocRecord',
  'deleteDoc',
  'putMember',
  'updateMember',
  'deleteMember',
  'putToken',
  'revokeToken',
  'signOutSession',
  'revokeSameSignIn',
]);

/** Middleware for authenticated routes: a request that may write runs with its principal in scope. */
export function writeScope() {
  return createMiddleware<AuthEnv>(async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    const s: WriteScope = { principal: c.get('principal'), open: true, checked: null };
    try {
      await scope.run(s, next);
    } finally {
      s.open = false;
    }
  });
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, coordinator: 2, admin: 3 };
const ROLE_SV: Record<Role, string> = { admin: 'administratör', coordinator: 'samordnare', editor: 'redigerare', viewer: 'läsare' };

/**
 * The 403 when `now` has lost a right `then` had: a lower role, or a unit of `then` that `now`
 * lacks; null when every right is still there (a raised role or an added unit loses none).
 */
export function lostRights(then: Principal, now: Principal): AppError | null {
  const lowered = RANK[now.role] < RANK[then.role];
  const unit = then.units.find((u) => !now.units.includes(u));
  if (!lowered && unit === undefined) return null;
  const what = lowered
    ? { sv: `din roll sänktes till ${ROLE_SV[now.role]}`, en: `your role was lowered to ${now.role}` }
    : { sv: `enheten ${unit} togs från dig`, en: `the unit ${unit} was taken from you` };
  return new AppError(
    403,
    'rights-changed',
    {
      sv: `Dina rättigheter ändrades medan begäran behandlades (${what.sv}); inget sparades.`,
      en: `Your rights changed while the request was being handled (${what.en}); nothing was stored.`,
    },
    { role: now.role, was: then.role },
  );
}

/**
 * `storage` whose {@link GATED} writes, made for a request in {@link writeScope}, first read the
 * request's principal again with `reread` (throws the 401 for a token or member gone) and throw
 * {@link lostRights}' 403 when a right was lost; once per request. Outside a request (start-up,
 * the rounds watch, the CLI) every method is `storage`'s own.
 */
export function rightsAtWrite(storage: Storage, reread: (p: Principal) => Promise<Principal>): Storage {
  const check = (s: WriteScope): Promise<void> =>
    (s.checked ??= reread(s.principal).then((now) => {
      const lost = lostRights(s.principal, now);
      if (lost) throw lost;
    }));
  return new Proxy(storage, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !GATED.has(prop as keyof Storage)) return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        const s = scope.getStore();
        if (s?.open) await check(s);
        return method.apply(target, args);
      };
    },
  });
}
