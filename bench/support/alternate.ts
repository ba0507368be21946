/**
 * Servers' fan-outs driven in short alternating windows, one server at a time with the same client
 * code and edit rate (`region/alternating.ts`, and `bench/sync`'s fan-out): the order is
 * `windowOrder` of `scale/windows.ts` (every server following each other one about as often, the
 * second half the first backwards), so a load spike of the shared machine falls on every server
 * alike instead of deciding the ratio of two figures measured one after the other.
 */
import { fanoutWindow, type FanoutSetup } from './fanout.js';
import type { SegmentedWindow } from './region-measure.js';
import { windowOrder } from '../scale/windows.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * After its `--settle` pause, a driven server is waited for in slices of this many ms until one in
 * which it ran at most {@link QUIET_MS_PER_S} ms of CPU per second (every server's idle rate is
 * below 1 ms/s here, its clients connected), at most {@link QUIET_SLICES_MAX} slices.
 */
export const QUIET_SLICE_MS = 250;
export const QUIET_MS_PER_S = 10;
export const QUIET_SLICES_MAX = 40;

/**
 * Drive `setups` in the order of {@link windowOrder} (`windows` each, `seconds` long, `rate`
 * edits/s); each window's idle servers have their CPU over it added to their
 * `otherWindowsCpuMs`. After each window the driven server is left `settleSeconds`, then until it
 * is quiet, before the next window starts, its CPU meanwhile added to its `settleCpuMs`. `window` (each setup's
 * `fanoutWindow`) is a parameter for tests. `segments[i]`, when given, is started just before each
 * window of `setups[i]` and ended just after it (not over the settle pause), and finished once all ran.
 */
export async function alternate(
  setups: readonly FanoutSetup[],
  windows: number,
  rate: number,
  seconds: number,
  settleSeconds: number,
  window: (f: FanoutSetup, rate: number, seconds: number) => Promise<void> = fanoutWindow,
  segments: readonly (SegmentedWindow | undefined)[] = [],
): Promise<void> {
  for (const which of windowOrder(setups.length, windows)) {
    const driven = setups[which] as FanoutSetup;
    const idle = setups.filter((f) => f !== driven);
    const before = await Promise.all(idle.map((f) => f.server.cpu()));
    const start = performance.now();
    await segments[which]?.start();
    await window(driven, rate, seconds);
    await segments[which]?.end();
    const after = await Promise.all(idle.map((f) => f.server.cpu()));
    const ms = performance.now() - start;
    idle.forEach((f, i) => {
      f.otherWindowsCpuMs += ((after[i] as number) - (before[i] as number)) / 1000;
      f.otherWindowsMs += ms;
    });
    if (settleSeconds > 0) {
      const settleBefore = await driven.server.cpu();
      await sleep(settleSeconds * 1000);
      // Then until a slice passes quiet: deferred work still running (Hocuspocus storing 100
      // documents on a loaded machine) would otherwise run in the next server's window.
      let last = await driven.server.cpu();
      for (let slice = 0; slice < QUIET_SLICES_MAX; slice++) {
        await sleep(QUIET_SLICE_MS);
        const now = await driven.server.cpu();
        const busyUs = now - last;
        last = now;
        if (busyUs <= QUIET_SLICE_MS * QUIET_MS_PER_S) break;
      }
      driven.settleCpuMs += (last - settleBefore) / 1000;
    }
  }
  for (const segmented of segments) await segmented?.finish();
}

