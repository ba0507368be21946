/**
 * Building a room's doc from the stored read it serves fresh clients from (`room-fresh.ts`): whole,
 * in the turn of a caller that needs the doc at once (`Room.doc`), or a piece at a time with the
 * event loop given back between pieces (`Room.builtDoc`), for callers that can wait. Built whole, a
 * large document held every other document's edits for all of the build.
 */
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocRef } from '../storage/storage.js';
import type { Loaded } from './load-doc.js';
import type { Unbuilt } from './room-fresh.js';

/** What a build reads of its room and hands it. */
export interface BuildHost {
  readonly ref: DocRef;
  readonly logger: Logger;
  /** The stored read not built yet, or null once the room holds a doc. */
  unbuilt(): Unbuilt | null;
  /** The room holds `loaded` from now on (its `unbuilt` is then null). */
  hold(loaded: Loaded): void;
  /** Store, then relay, what the load wrote (a migration, a mark), as any server-side update. */
  push(update: Uint8Array): void;
}

/** The builds of one room's doc: at most one sliced build under way at a time. */
export class RoomBuild {
  /** A build a piece at a time under way ({@link RoomBuild.sliced}). */
  private building: Promise<void> | null = null;

  constructor(private readonly host: BuildHost) {}

  /** `unbuilt` built whole now, held by the room; what the load wrote is stored like a migration. */
  now(unbuilt: Unbuilt): Y.Doc {
    const loaded = unbuilt.build(this.host.ref, this.host.logger);
    this.take(loaded);
    return loaded.doc;
  }

  /**
   * Resolves once the room holds a doc: at once when it does, else after a build of its stored read
   * a piece at a time (`Unbuilt.buildSliced`), shared by every caller meanwhile. A build forced
   * meanwhile ({@link RoomBuild.now}, a reload after a failed write) is the one kept: this one is
   * thrown away. Rejects with what the build throws (a damaged stored state).
   */
  async sliced(): Promise<void> {
    const unbuilt = this.host.unbuilt();
    if (!unbuilt) return;
    this.building ??= unbuilt
      .buildSliced(this.host.ref, this.host.logger)
      .then((loaded) => {
        if (this.host.unbuilt() !== unbuilt) return loaded.doc.destroy();
        this.take(loaded);
      })
      .finally(() => {
        this.building = null;
      });
    await this.building;
  }

  private take(loaded: Loaded): void {
    this.host.hold(loaded);
    if (loaded.migration) this.host.push(loaded.migration);
  }
}
