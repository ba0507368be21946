/**
 * Young-generation collections (scavenges) of a Samplan server run on the main thread alone.
 *
 * By default V8 splits each scavenge between the main thread and up to four of Node's platform
 * threads, and the main thread waits until every helper has finished its part. On a machine
 * whose cores are busy with other processes a helper that was handed a part may not get a CPU
 * for tens of milliseconds, and the main thread sleeps meanwhile: a scavenge of ~1 ms of work
 * stops the event loop for as long, and every edit that arrives then waits, with the server's
 * main thread neither running nor runnable. Measured in `bench/region --trace` (fan-out of one
 * document to 50 clients, load ~20): one minor collection of 98.8 ms in which the main thread
 * ran 2.0 ms and slept ~95, holding back ten edits (the run's p99); in a process allocating as
 * the relay does, beside four busy loops on the two cores, the sum of minor-collection pauses
 * fell from 1,194 / 1,254 / 690 ms to 378 / 368 / 301 ms and the longest from 560 / 208 / 175
 * to 106 / 47 / 78 ms with the scavenge on the main thread alone. The work itself is small
 * (what survives of a relay's buffers and a room's recent updates), so on an idle machine doing
 * it alone costs little. Older-generation collections are left as they are (incremental and
 * concurrent marking, rare in the relay).
 *
 * V8 reads the flag at every scavenge (`--parallel-scavenge`, V8's `heap/scavenger.cc`), so
 * setting it once the process runs takes effect from the next one.
 */
import { setFlagsFromString } from 'node:v8';

let done = false;

/**
 * Make every later scavenge of this process run on the main thread alone (`--no-parallel-scavenge`).
 * Idempotent; affects the whole process (every isolate's heap settings are process-wide flags).
 *
 * @example
 * scavengeAlone(); // before the server starts taking sockets
 */
export function scavengeAlone(): void {
  if (done) return;
  done = true;
  setFlagsFromString('--no-parallel-scavenge');
}
