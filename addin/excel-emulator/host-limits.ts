/**
 * What one `context.sync()` may carry, per host. Microsoft documents two limits
 * (learn.microsoft.com, "Resource limits … Excel add-ins" and "Payload size limit best
 * practices"): Excel on the web refuses a request or a response over 5 MB, and on every
 * platform a range read (get) is limited to 5,000,000 cells. Excel on Windows and Mac has no
 * documented byte limit: the desktop profile enforces only the cell limit.
 */

/** The limits an emulated host enforces on each sync. */
export interface HostLimits {
  /** Largest request (queued commands and written values), in estimated JSON bytes. */
  requestBytes: number;
  /** Largest response (every value loaded in the sync), in estimated JSON bytes. */
  responseBytes: number;
  /** Most cells one range read may cover. */
  readCells: number;
}

/** Excel's limits on one sync, by host: `web` (Excel on the web) and `desktop` (Windows, Mac). */
export const HOST_PROFILES = {
  web: { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024, readCells: 5_000_000 },
  desktop: { requestBytes: Number.POSITIVE_INFINITY, responseBytes: Number.POSITIVE_INFINITY, readCells: 5_000_000 },
} as const satisfies Record<string, HostLimits>;

/** One of {@link HOST_PROFILES}. */
export type HostProfile = keyof typeof HOST_PROFILES;

/** Sizes of one sync that carried commands, in estimated JSON bytes; for benchmarks and tests. */
export interface SyncSize {
  request: number;
  response: number;
  /** Whether the host refused it (over a limit, edit mode, a failing command). */
  failed: boolean;
}
