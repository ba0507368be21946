/**
 * What the sync client tells the task pane about its connection: a state, how many local
 * changes have not reached the server yet, and why the server last refused something.
 */
import { lockedRowMessage } from '../../shared/i18n/round-messages.js';
import { LOCKED_CLOSE_CODE, parseLockedReason } from '../../shared/protocol/locked-refusal.js';
import { CloseCode, HELD_ANSWER_OVERDUE_REASON } from '../../shared/protocol/close-codes.js';
import { damagedDocWords } from '../../shared/protocol/damaged-history.js';
import { keylessDocWords } from '../../shared/protocol/keyless-history.js';
import type { Localized } from '../../shared/schema/types.js';
import { digits } from '../../shared/i18n/number-words.js';

/**
 * - `connecting`: first attempt, nothing heard from the server yet.
 * - `online`: connected and synced with the server.
 * - `reconnecting`: the connection dropped; retrying with backoff.
 * - `offline`: several attempts failed, or the pane asked to go offline; edits are kept locally.
 * - `refused`: the server closed with 4401/4403/4404/4500 (it cannot read the document)/4409 (it does not read it: its key is gone), or refused a change (4400/4413/1009/4422), or a
 *   local change can never be sent; the client will not retry on its own (`connect()` tries
 *   again). Local edits are kept and counted as pending meanwhile.
 */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'refused';

/** Why the server closed or refused, in words a coordinator understands. */
export interface Refusal {
  /** The WebSocket close code (see `shared/protocol/close-codes.ts`), or 0 for a local refusal. */
  code: number;
  /** The server's own reason text, for logs. */
  reason: string;
  message: Localized;
  /** The server notice's machine code (e.g. `row-gone`), for a refusal it sent as a notice. */
  notice?: string;
  /** The place the notice names (`['rows', rowId, column]`), when it names one (`RefusalNotice.path`). */
  path?: readonly string[];
  /** The rows whose changes the server took back, by id, when the notice names them (`RefusalNotice.rows`). */
  rows?: readonly string[];
}

/** A snapshot of the connection for the status bar. */
export interface ConnectionStatus {
  state: ConnectionState;
  /**
   * Local changes the server has not confirmed taking (it answers a ping after them), plus
   * those that cannot be sent; 0 only when the server has everything made here.
   */
  pendingLocalChanges: number;
  /** Set when the connection stopped for good (state `refused`). */
  refusal: Refusal | null;
  /** The last update the server (4422) or the local check refused; kept until the next one. */
  lastRefusal: Refusal | null;
  /**
   * While the connection is down and retried on its own (`reconnecting`, or `offline` after
   * several failed attempts): why it closed and when the next attempt starts. Null while online,
   * stopped (`refused`), or offline on purpose.
   */
  retry: Retry | null;
  /**
   * Set once the offline copy (IndexedDB) cannot be kept on this computer: why (`kind`, the
   * error's `name` for logs) and the sentence for the person; null while it is kept or none is
   * asked for. Changes still reach the server while connected. See `offline-store.ts`.
   */
  offlineStore: OfflineStoreNotice | null;
}

/**
 * Why the offline copy is not kept, and what that means, in words (see {@link offlineStoreWords});
 * or, as `restored`, that it is kept again after such a fault ({@link OFFLINE_STORE_RESTORED}).
 */
export interface OfflineStoreNotice {
  kind: 'unavailable' | 'quota' | 'closed' | 'failed' | 'restored';
  name: string;
  message: Localized;
}

/** Said for a while once the offline copy is kept again after a fault (`offline-store.ts`, its retry). */
export const OFFLINE_STORE_RESTORED: Localized = {
  sv: 'Dina ändringar sparas offline på den här datorn igen, också de som gjordes medan det inte gick.',
  en: 'Your changes are kept offline on this computer again, including those made while they could not be.',
};

const OFFLINE_CAUSE: Record<Exclude<OfflineStoreNotice['kind'], 'restored'>, Localized> = {
  unavailable: { sv: 'webbläsaren ger inte Samplan någon lokal lagring (till exempel i ett privat fönster)', en: 'the browser gives Samplan no local storage (in a private window, for instance)' },
  quota: { sv: 'webbläsarens lagringsutrymme för Samplan är fullt', en: 'the browser’s storage for Samplan is full' },
  closed: { sv: 'den lokala kopian togs bort eller stängdes medan dokumentet var öppet (till exempel när webbplatsdata rensades)', en: 'the local copy was deleted or closed while the document was open (when site data was cleared, for instance)' },
  failed: { sv: 'webbläsarens lokala lagring gav ett fel', en: 'the browser’s local storage failed' },
};

/**
 * The sentence for an offline copy that cannot be kept (`kind` as in {@link OfflineStoreNotice}):
 * that changes are not kept offline on this computer, why, that they are still sent to the
 * server while connected, and that unsent ones are lost if the window is closed.
 */
export function offlineStoreWords(kind: Exclude<OfflineStoreNotice['kind'], 'restored'>): Localized {
  const cause = OFFLINE_CAUSE[kind];
  return {
    sv: `Dina ändringar sparas inte offline på den här datorn: ${cause.sv}. De skickas fortfarande till servern när du är ansluten, men ändringar som inte har hunnit skickas går förlorade om du stänger fönstret.`,
    en: `Your changes are not kept offline on this computer: ${cause.en}. They are still sent to the server while you are connected, but changes not yet sent are lost if you close the window.`,
  };
}

/** Why a dropped connection is being retried, and when; see {@link retryFor}. */
export interface Retry {
  /** The close code of the last close (1001, 1011, 1013, 4429, …), or 0 when none came (a network drop). */
  code: number;
  /** The server's reason text, for logs. */
  reason: string;
  /** A few words for the status bar, e.g. "Servern startar om". */
  cause: Localized;
  /** The whole sentence, for the status bar's tooltip (the same as a stop on that code would give). */
  message: Localized;
  /** When the next attempt starts, in ms since the epoch (`Date.now()`). */
  at: number;
}

/** A change or document over the server's size limits (4413, or 1009 from its socket layer). */
const TOO_LARGE: Localized = {
  sv: 'Servern tog inte emot en ändring: ändringen eller dokumentet är för stort. Ändringen finns kvar här men skickas inte igen förrän du väljer Försök igen.',
  en: 'The server refused a change: the change or the document is too large. It is kept here but not sent again until you choose Try again.',
};

const reasons: Record<number, Localized> = {
  [CloseCode.unauthorized]: {
    sv: 'Inloggningen gäller inte längre (token saknas, är fel eller har gått ut). Logga in igen.',
    en: 'Your sign-in is no longer valid (missing, wrong or expired token). Sign in again.',
  },
  [CloseCode.forbidden]: {
    sv: 'Din roll ger inte åtkomst till det här dokumentet.',
    en: 'Your role does not give you access to this document.',
  },
  [CloseCode.notFound]: {
    sv: 'Dokumentet eller arbetsytan finns inte (längre).',
    en: 'The document or workspace does not exist (any more).',
  },
  [CloseCode.replaced]: {
    sv: 'Dokumentet togs bort och ett nytt skapades med samma id; kopian här hör till det borttagna och skickades inte. Spara raderna i ett nytt blad om du vill behålla dem, och återställ sedan till den delade versionen.',
    en: 'The document was deleted and a new one made under its id; the copy here belongs to the deleted one and was not sent. Keep its rows in a new sheet if you want them, then return to the shared version.',
  },
  [CloseCode.badFrame]: {
    sv: 'Servern förstod inte ett meddelande från tillägget.',
    en: 'The server did not understand a message from the add-in.',
  },
  [CloseCode.tooLarge]: TOO_LARGE,
  // Cut by the server's socket layer before it was read whole (no reason text): the same refusal.
  [CloseCode.messageTooBig]: TOO_LARGE,
  [CloseCode.unavailable]: {
    sv: 'Servern kan inte spara just nu; försöker igen med allt längre mellanrum. Dina ändringar finns kvar här.',
    en: 'The server cannot store changes right now; retrying at growing intervals. Your changes are kept here.',
  },
  [CloseCode.updateRefused]: {
    sv: 'Servern tog inte emot en ändring',
    en: 'The server refused a change',
  },
  [CloseCode.archived]: {
    sv: 'Dokumentet är arkiverat och kan bara läsas; ändringen sparades inte. En administratör kan återställa det.',
    en: 'The document is archived and can only be read; the change was not stored. An admin can restore it.',
  },
  [CloseCode.rateLimited]: {
    sv: 'För många ändringar för snabbt; försöker igen strax.',
    en: 'Too many changes too fast; trying again shortly.',
  },
  [CloseCode.goingAway]: {
    sv: 'Servern startas om eller stängs ner; ansluter igen och hämtar det som ändrats.',
    en: 'The server is restarting or shutting down; reconnecting to catch up.',
  },
  [CloseCode.tryAgainLater]: {
    sv: 'Anslutningen hann inte med; ansluter igen och hämtar det som ändrats.',
    en: 'The connection fell behind; reconnecting to catch up.',
  },
  // Without a place in the reason (an older server's words): the same sentence, the place left out.
  [CloseCode.damaged]: damagedDocWords(''),
  // Without keys in the reason: the same sentence, the keys left out.
  [CloseCode.keyless]: keylessDocWords(''),
};

/** Sentences for the server's 4401 reasons (`server/sync/rights.ts`), more exact than the code's. */
const unauthorizedReasons: Record<string, Localized> = {
  'Membership removed': {
    sv: 'En administratör har tagit bort dig från arbetsytan, så anslutningen stängdes. Dina osparade ändringar finns kvar i arbetsboken.',
    en: 'An administrator removed you from the workspace, so the connection was closed. Your unsaved changes stay in the workbook.',
  },
  'Token revoked': {
    sv: 'Inloggningen har återkallats (utloggad eller token återkallad). Logga in igen.',
    en: 'The sign-in was revoked (signed out, or the token revoked). Sign in again.',
  },
  'Token expired': {
    sv: 'Inloggningen har gått ut. Logga in igen.',
    en: 'The sign-in has expired. Sign in again.',
  },
};

/** A reader's (or a member demoted to one) change closes with 4403 too; it may still read, so it is not told it has no access. */
const READ_ONLY: Localized = {
  sv: 'Din roll får läsa men inte ändra det här dokumentet, så servern tog inte emot ändringarna som gjorts här (till exempel innan rollen ändrades). De finns kvar bara i den här arbetsboken.',
  en: 'Your role may read but not change this document, so the server did not take the changes made here (before your role changed, say). They are kept only in this workbook.',
};

/** A member whose units changed (the role did not) while open on a document of a unit it no longer has. */
const OTHER_UNIT: Localized = {
  sv: 'Dina enheter har ändrats och dokumentet hör nu till en annan enhet än dina, så du kan läsa men inte ändra det. Ändringar som gjorts här finns kvar bara i den här arbetsboken.',
  en: 'Your units changed and this document now belongs to a unit that is not yours, so you may read but not change it. Changes made here are kept only in this workbook.',
};

/** Sentences for the server's 4403 reasons about writing (`server/sync/offer-checks.ts`, `server/sync/rights.ts`). */
const forbiddenReasons: Record<string, Localized> = {
  'Your role does not allow writing this document': READ_ONLY,
  'Your role no longer allows writing this document': READ_ONLY,
  'Your units changed: this document belongs to another unit now': OTHER_UNIT,
};

/** Sentences for the server's 1013 reasons, more exact than the code's. */
const tryAgainReasons: Record<string, Localized> = {
  [HELD_ANSWER_OVERDUE_REASON]: {
    sv: 'Ändringar gjorda här nådde inte servern i tid; ansluter igen och skickar dem.',
    en: 'Changes made here did not reach the server in time; reconnecting to send them.',
  },
};

/** Builds the {@link Refusal} for a close code and the server's reason text. */
export function refusalFor(code: number, reason: string): Refusal {
  const exact =
    code === CloseCode.unauthorized
      ? unauthorizedReasons[reason]
      : code === CloseCode.forbidden
        ? forbiddenReasons[reason]
        : code === CloseCode.tryAgainLater
          ? tryAgainReasons[reason]
          : code === CloseCode.damaged
            ? damagedDocWords(reason)
            : code === CloseCode.keyless
              ? keylessDocWords(reason)
              : undefined;
  if (exact) return { code, reason, message: exact };
  const locked = code === LOCKED_CLOSE_CODE ? parseLockedReason(reason) : null;
  if (locked) return { code, reason, message: lockedRowMessage(locked) };
  const base = reasons[code] ?? {
    sv: `Anslutningen stängdes (kod ${digits(code)}).`,
    en: `The connection was closed (code ${digits(code)}).`,
  };
  // The server's reason text is English (a WebSocket close reason): the English sentence gives it, the Swedish does not.
  const message = code === CloseCode.updateRefused && reason ? { sv: `${base.sv}.`, en: `${base.en}: ${reason}` } : base;
  return { code, reason, message };
}

/** Short words for each close the pane retries on by itself (`TERMINAL_CLOSE_CODES` are not retried). */
const retryCauses: Record<number, Localized> = {
  [CloseCode.goingAway]: { sv: 'Servern startar om', en: 'The server is restarting' },
  [CloseCode.unavailable]: { sv: 'Servern kan inte spara just nu', en: 'The server cannot store changes right now' },
  [CloseCode.tryAgainLater]: { sv: 'Anslutningen hann inte med', en: 'The connection fell behind' },
  [CloseCode.rateLimited]: { sv: 'Du skickar för snabbt', en: 'You are sending too fast' },
};

/** 1013 for a change whose answer came too late (`HELD_ANSWER_OVERDUE_REASON`). */
const HELD_OVERDUE_CAUSE: Localized = { sv: 'Ändringar nådde inte servern i tid', en: 'Changes did not reach the server in time' };

/** A close without one of the codes above: the network or the server went away without a word. */
const NO_CONTACT: Localized = {
  sv: 'Ingen kontakt med servern; dina ändringar finns kvar här och skickas när anslutningen är tillbaka.',
  en: 'No contact with the server; your changes are kept here and sent when the connection is back.',
};

/**
 * Builds the {@link Retry} for a close the pane retries after, with the words of `refusalFor` for
 * the whole sentence.
 *
 * @param code the close code (0 when the socket closed without one)
 * @param reason the server's reason text
 * @param at when the next attempt starts, ms since the epoch
 */
export function retryFor(code: number, reason: string, at: number): Retry {
  const cause =
    code === CloseCode.tryAgainLater && reason === HELD_ANSWER_OVERDUE_REASON
      ? HELD_OVERDUE_CAUSE
      : (retryCauses[code] ?? { sv: 'Ingen kontakt med servern', en: 'No contact with the server' });
  const message = code in retryCauses ? refusalFor(code, reason).message : NO_CONTACT;
  return { code, reason, cause, message, at };
}
