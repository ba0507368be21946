/**
 * Which frames of a socket need its room's doc built (`socket.ts`). A room loaded from a compacted
 * document serves clients that hold nothing from the stored bytes (`room-fresh.ts`) and builds its
 * Y.Doc when something needs it: an edit, a client's step 1 naming what it holds, its step 2 with
 * content. Read in the frame's own turn (`Room.doc`), the doc was built in one go, and the first edit
 * of a large plan held every other document's edits for all of the build (seconds for 10,000 rows
 * with long comments); the socket builds it a piece at a time first (`Room.builtDoc`), its frames
 * waiting in order meanwhile.
 */
import type { decodeMessage } from './protocol.js';
import { isEmptyUpdate } from './changes-nothing.js';
import { isEmptyStateVector } from './fresh-state.js';

/** Whether handling `message` reads the room's doc: a step 1 that names a state, a step 2 or update that carries something. */
export function needsBuiltDoc(message: ReturnType<typeof decodeMessage>): boolean {
  switch (message.type) {
    case 'sync-step1':
      return !isEmptyStateVector(message.stateVector);
    case 'sync-step2':
    case 'update':
      return !isEmptyUpdate(message.update);
    default:
      return false;
  }
}
