/**
 * WebSocket close codes of the sync endpoint. Both the server (which sends them) and the pane
 * (which turns them into a sentence for the user) import them from here.
 */
export const CloseCode = {
  /** Normal close when the server shuts down or unloads. */
  goingAway: 1001,
  /**
   * The server cannot serve the document right now (it could not be loaded, or storage failed):
   * the client reconnects and catches up.
   */
  unavailable: 1011,
  /**
   * The client fell too far behind reading what the server relays (a stalled network or a
   * suspended laptop): reconnecting catches up from the stored document.
   */
  tryAgainLater: 1013,
  /**
   * A message larger than the server takes at all (RFC 6455 §7.4.1, "Message Too Big"): the
   * socket layer (`ws`'s `maxPayload`, `server/sync/route.ts`) closes on reading the frame's
   * header, before the message is held whole, so the close carries no reason text. A refusal
   * like {@link CloseCode.tooLarge}: the pane does not send the change again on its own.
   */
  messageTooBig: 1009,
  /** A frame that is not a valid y-websocket message. */
  badFrame: 4400,
  /** Missing, unknown, expired or revoked token. */
  unauthorized: 4401,
  /** The token's role does not allow this document. */
  forbidden: 4403,
  /** No such workspace or document. */
  notFound: 4404,
  /**
   * The client's copy belongs to another making of the document id: that document was deleted and
   * a new one made under its id (HTTP's 410 Gone). Told by content: what the client sends holds a
   * first write of `meta.kind` other than the document's own (`shared/validate/other-making.ts`).
   * Nothing of that update is taken in, so no row, take-back or removal of the deleted document
   * reaches the new one; the client must drop its copy and open the document afresh.
   */
  replaced: 4410,
  /** A frame or the resulting document over the size limits. */
  tooLarge: 4413,
  /** An update refused by `checkUpdate` (reason in the close text). */
  updateRefused: 4422,
  /**
   * A change to an archived document: it is kept and can be read, not changed, until an admin
   * restores it (HTTP's 423 Locked). The change is taken back in the pane, which opens the
   * document protected.
   */
  archived: 4423,
  /** Too many frames too fast. */
  rateLimited: 4429,
  /**
   * The document's stored history does not decode on the server (HTTP's 500 `document-damaged`):
   * the reason names the place (`damagedCloseReason`, `shared/protocol/damaged-history.ts`), the
   * pane says it in words and does not connect again on its own, since every load meets the same
   * bytes until an administrator restores the database.
   */
  damaged: 4500,
  /**
   * The document's key in the store is gone (a hand or a tool removed its row of SQLite's
   * `doc_keys`) while stored changes under a key no document has may be its history (HTTP's
   * `document-keyless`): nothing is read or written, so no history is hidden or numbered apart
   * from it. The reason names the keys (`keylessCloseReason`, `shared/protocol/keyless-history.ts`);
   * the pane says it in words and does not connect again on its own, since every load meets the
   * same refusal until an administrator puts the key back or removes those changes.
   */
  keyless: 4409,
} as const;

/**
 * The reason of the 1013 close of a peer whose first step 1 named writes the document lacks and
 * whose answer carrying them did not come in time (`server/sync/held-answers.ts`); the pane
 * reconnects and sends them.
 */
export const HELD_ANSWER_OVERDUE_REASON = 'Your changes the server lacks did not arrive; connect again to send them';

/** One of the values of {@link CloseCode}. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect on its own. */
export const FATAL_CLOSE_CODES: readonly number[] = [
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.notFound,
  CloseCode.replaced,
  CloseCode.damaged,
  CloseCode.keyless,
];
