/**
 * The reads of `LiveRights.settle` (`live-rights.ts`), shared by the sockets that ask in one turn
 * of the event loop. A connect storm on a fresh server has hundreds of sockets in admission when
 * the first rights round learns storage's rights version and moves the mark: every one of them is
 * settled, and each read its own token, member and document record — in a 500-client storm over
 * 100 documents 500 reads of three statements each, a fifth of the server's CPU in the storm's
 * profile (`readStoredRights` under `settle`, 170 of ~800 ms). Gathered, the sockets asking in
 * one turn are read in one `readStoredRights`, as a poll round reads all open sockets.
 *
 * A batch's read starts in the turn's `setImmediate`, after every socket in it took its `since`
 * mark (`settle` reads it before asking), so it reads storage at least as new as each of them
 * needs; a socket asking once the read has started waits for the next batch.
 */
import { readStoredRights, type RightsRecords, type StoredRights } from './live-rights-read.js';
import type { LiveSocket } from './live-rights-decide.js';

/** Reads of the stored rights of sockets being settled, one per turn for all that asked in it. */
export class SettleReads {
  /** The sockets gathered for the read not yet started, and that read. */
  private batch: { sockets: LiveSocket[]; read: Promise<StoredRights> } | null = null;

  constructor(private readonly records: RightsRecords) {}

  /**
   * The stored rights of `socket`'s token, member and document (with those of the other sockets
   * asked for in this turn), read once for all of them after this turn. Rejects with storage's
   * error, for every socket of the batch.
   */
  read(socket: LiveSocket): Promise<StoredRights> {
    if (this.batch) {
      this.batch.sockets.push(socket);
      return this.batch.read;
    }
    const sockets = [socket];
    const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.batch = null;
      return readStoredRights(this.records, sockets);
    });
    this.batch = { sockets, read };
    return read;
  }
}
