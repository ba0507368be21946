/**
 * The presence (Yjs awareness) state a client may announce, and its limits. The pane announces
 * `{ user: { name, color, role }, doc, row }`; a stock Yjs client may announce `{}` or part of it.
 * The server relays only states of this shape, at most {@link PresenceLimits.maxStateBytes} of
 * JSON, and replaces `user.name`, `user.role` and `user.memberId` with the connected member's own,
 * so nobody appears under another's name. Unknown keys make the state unknown, and it is dropped.
 *
 * Presence says where a person is and nothing else: it carries no text of the sender's choosing
 * to the other people of the document. `doc` is written by the server with the room's own
 * document id, whatever was sent; `row` is kept only when it is shaped like a row id
 * (`ROW_ID_PATTERN`, `shared/doc/ids.ts`) and otherwise left out, the rest of the state kept;
 * the server keeps it further only when it is of the shape the pane makes row ids in
 * (`NEW_ROW_ID_PATTERN`: a row made offline is named before it arrives) or names a row the
 * document holds (`server/sync/presence.ts`);
 * `color` is `#rrggbb`; the name, role and member id are the server's.
 */
import { z } from 'zod';
import { ROW_ID_PATTERN } from '../doc/ids.js';
import { roleSchema } from './roles.js';
import { MEMBER_ID_MAX } from './member-id.js';

/** Limits on presence, enforced by the server per connection. */
export const PresenceLimits = {
  /** Largest state, in bytes of its JSON text. */
  maxStateBytes: 4 * 1024,
  /** Token bucket for awareness frames: sustained frames per second and burst. */
  framesPerSecond: 30,
  frameBurst: 60,
  /** Awareness client ids one connection may introduce (a stock client uses one). */
  maxClientIds: 4,
} as const;

/** Who is present, as relayed: the member's own name, role and id, and a colour of their choice. */
export const presenceUserSchema = z.strictObject({
  name: z.string().max(200),
  /** `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  role: roleSchema.nullable().optional(),
  /** A member id is as long as sign-in takes it (a UPN of 113 characters was refused at 64). */
  memberId: z.string().max(MEMBER_ID_MAX).optional(),
});

/** One client's presence state. */
export const awarenessStateSchema = z.strictObject({
  user: presenceUserSchema.optional(),
  /**
   * The document id the client has open. The server relays the room's own document id here,
   * whatever the client sent; a value that is not a string of at most 200 characters is left out.
   */
  doc: z.string().max(200).optional().catch(undefined),
  /**
   * The row id the client's selection is in, or null. Anything that is not a row id
   * (`ROW_ID_PATTERN`: 1–64 of `A–Z a–z 0–9 _ -`) is left out, the rest of the state kept.
   */
  row: z.string().regex(ROW_ID_PATTERN).nullable().optional().catch(undefined),
});

/** A presence state as relayed. */
export type AwarenessState = z.infer<typeof awarenessStateSchema>;
