/**
 * Server notices on an open sync socket: messages outside the stock y-websocket protocol that
 * only a client that asked for them receives.
 *
 * **Opting in.** A client adds the query parameter `notices=1` to the sync URL
 * (`/v1/sync/:workspace/:doc?notices=1`). A stock y-websocket client does not, and keeps today's
 * behaviour exactly: a refused change closes its socket with the close code and reason of
 * `close-codes.ts`. The parameter carries no secret, so it may be in the URL.
 *
 * **Message types.** y-websocket's top-level message types 0 (sync), 1 (awareness), 2 (auth) and
 * 3 (query awareness) are taken; Hocuspocus uses 4–8 for its own. The notices use 20 and 21,
 * each followed by one varstring holding a JSON object:
 * - {@link NoticeType.refusal} (20), a {@link RefusalNotice}: one change was refused. The server
 *   neither stored nor relayed the refused part; instead it sends everyone (this client included)
 *   an update that takes it back (the refused rows, settings or comments get their stored values
 *   again; an archived document's change as a whole) and keeps the rest of the change, and the
 *   socket stays open.
 *   Refusals that end the connection (no or a revoked token, a role that forbids the whole
 *   document, a deleted document, a frame too large or malformed, a change the shared check
 *   refuses) are closes as before, for every client.
 * - {@link NoticeType.docState} (21), a {@link DocStateNotice}: the document was archived or
 *   restored while the socket is open, sent at once to every opted-in socket on it, in every
 *   server process.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

/** The query parameter, and its value, by which a client asks for notices. */
export const NOTICES_PARAM = 'notices';
export const NOTICES_ON = '1';

/** Top-level message types of the notices (after y-websocket's 0–3 and Hocuspocus' 4–8). */
export const NoticeType = {
  refusal: 20,
  docState: 21,
} as const;

/** At most this many row ids in a refusal notice (`RefusalNotice.rows`), each at most {@link MAX_NOTICE_ROW_ID} characters. */
export const MAX_NOTICE_ROWS = 500;
export const MAX_NOTICE_ROW_ID = 200;

const localizedSchema = z.object({ sv: z.string().max(1000), en: z.string().max(1000) });

const refusalSchema = z.object({
  /** The close code a client without notices would have been closed with (4403, 4422, 4423). */
  closeCode: z.number().int(),
  /** The machine code, e.g. `forbidden-row`, `locked-row`, `archived`. */
  code: z.string().max(64),
  /** The server's English sentence (the close reason a stock client gets). */
  reason: z.string().max(200),
  /** The sentence for the person, Swedish and English. */
  message: localizedSchema,
  /**
   * The place the notice is about, when the server can name it: the root map's name and keys down
   * (`['rows', rowId, column]` for a cell). Lets the pane leave out a notice its own, fuller words
   * already cover (`addin/taskpane/open-doc.ts`). Absent: not named.
   */
  path: z.array(z.string().max(200)).max(4).optional(),
  /**
   * The rows whose changes were taken back, by id, when the server took back only some rows of
   * the change (at most {@link MAX_NOTICE_ROWS}). Lets the pane name each refused cell of the
   * person's with the text they typed (`addin/sync/lost-writes.ts`). Ids only, never a value.
   * Absent: none named (every part refused, or not a row).
   */
  rows: z.array(z.string().max(MAX_NOTICE_ROW_ID)).max(MAX_NOTICE_ROWS).optional(),
});

/** One refused change, as the server tells an opted-in client. */
export type RefusalNotice = z.infer<typeof refusalSchema>;

const docStateSchema = z.object({
  /** ISO time the document was archived; null once it is restored. */
  archivedAt: z.string().max(64).nullable(),
  /** The name of the admin who archived it; null when unknown or restored. */
  archivedBy: z.string().max(200).nullable(),
});

/** The document's archive state, sent when it changes while the socket is open. */
export type DocStateNotice = z.infer<typeof docStateSchema>;

/** A decoded notice; null from {@link decodeNotice} for any other frame. */
export type Notice = { type: 'refusal'; refusal: RefusalNotice } | { type: 'doc-state'; state: DocStateNotice };

function frame(type: number, body: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

/** The frame of a refusal notice. */
export function encodeRefusalNotice(refusal: RefusalNotice): Uint8Array {
  return frame(NoticeType.refusal, refusal);
}

/** The frame of a doc-state notice. */
export function encodeDocStateNotice(state: DocStateNotice): Uint8Array {
  return frame(NoticeType.docState, state);
}

/**
 * Reads the body of a notice whose type (`type`, already read from `decoder`) is one of
 * {@link NoticeType}. Never throws: a body that is not JSON of the right shape gives null.
 */
export function readNotice(type: number, decoder: decoding.Decoder): Notice | null {
  try {
    const body: unknown = JSON.parse(decoding.readVarString(decoder));
    if (type === NoticeType.refusal) {
      const parsed = refusalSchema.safeParse(body);
      return parsed.success ? { type: 'refusal', refusal: parsed.data } : null;
    }
    if (type === NoticeType.docState) {
      const parsed = docStateSchema.safeParse(body);
      return parsed.success ? { type: 'doc-state', state: parsed.data } : null;
    }
    return null;
  } catch {
    return null;
  }
}

/** Decodes a whole frame as a notice; null when it is none (a sync or awareness frame, say). */
export function decodeNotice(data: Uint8Array): Notice | null {
  try {
    const decoder = decoding.createDecoder(data);
    return readNotice(decoding.readVarUint(decoder), decoder);
  } catch {
    return null;
  }
}

/**
 * Swedish and English sentences of the refusals that keep the socket open, by machine code; the
 * server's English reason names the row. A locked row is said with the round's own sentence
 * (`locked-refusal.ts`).
 */
export const REFUSAL_SENTENCES: Record<string, { sv: string; en: string }> = {
  'forbidden-row': {
    sv: 'Raden tillhör en annan enhet, eller får inte flyttas till en annan enhet. Ändringen togs tillbaka.',
    en: 'The row belongs to another unit, or may not be moved to another unit. The change was taken back.',
  },
  'forbidden-meta': {
    sv: 'Bara samordnare och administratörer ändrar dokumentets inställningar. Ändringen togs tillbaka.',
    en: 'Only coordinators and admins change the document settings. The change was taken back.',
  },
  'forbidden-comment': {
    sv: 'Du får bara ändra eller ta bort dina egna kommentarer. Ändringen togs tillbaka.',
    en: 'You may only change or delete your own comments. The change was taken back.',
  },
  archived: {
    sv: 'Dokumentet är arkiverat och kan bara läsas. Ändringen togs tillbaka. En administratör kan återställa det.',
    en: 'The document is archived and can only be read. The change was taken back. An admin can restore it.',
  },
};
