/**
 * Which frames of a socket need its room's doc built (`socket.ts`). A room loaded from a compacted
 * document serves clients that hold nothing from the stored bytes (`room-fresh.ts`) and builds its
 * Y.Doc when something needs it: an edit, a client's step 1 naming what it holds, its step 2 with
 * content. Read in the frame's own turn (`Room.doc`), the doc was built in one go, and the first edit
 * of a large plan held every other document's edits for all of the build (seconds for 10,000 rows
 * with long comments); the socket builds it a piece at a time first (`Room.builtDoc`), its frames
 * waiting in order meanwhile ({@link HeldFrames}, which holds them while the room loads too).
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

/** The connection whose frames wait for a build (`socket.ts`). */
export interface BuildWaiter {
  /** Handle a frame held while the doc was built (nothing once the socket closed). */
  passBuilt(frame: Uint8Array): void;
  /** The build failed: close as a failed load does. */
  buildFailed(err: unknown): void;
}

/** A frame as a socket takes it in. */
type Frame = ArrayBuffer | Uint8Array | string;

/**
 * The frames a connection holds back, in order: while its room loads (until {@link HeldFrames.release}),
 * and while its room's doc is built for a frame that needs it ({@link HeldFrames.buildFirst}).
 */
export class HeldFrames {
  private frames: Frame[] | null = [];

  /** Whether frames are held back now: every frame that comes is then {@link HeldFrames.hold}. */
  get holding(): boolean {
    return this.frames !== null;
  }

  /** Hold `frame` behind those held (nothing while none are: see {@link HeldFrames.holding}). */
  hold(frame: Frame): void {
    this.frames?.push(frame);
  }

  /** Hold nothing from now on: the frames held, oldest first. */
  release(): Frame[] {
    const frames = this.frames ?? [];
    this.frames = null;
    return frames;
  }

  /**
   * `frame` needs the doc of a room not built yet (see the module's words): the doc is built a
   * piece at a time (`Room.builtDoc`), `frame` and the frames after it held meanwhile, then each
   * handed to `waiter.passBuilt` in order (a string frame, refused on its way in, is never held). A
   * build that fails is told to `waiter.buildFailed` (the socket closes, dropping what is held).
   */
  buildFirst(room: { builtDoc(): Promise<unknown> }, frame: Uint8Array, waiter: BuildWaiter): void {
    this.frames = [frame];
    room.builtDoc().then(
      () => {
        // Built now (a reload after a failed write installs a built doc): none of them is held again.
        for (const data of this.release()) if (typeof data !== 'string') waiter.passBuilt(data instanceof Uint8Array ? data : new Uint8Array(data));
      },
      (err: unknown) => waiter.buildFailed(err),
    );
  }
}
