/**
 * Waiting in tests for something another process, socket or timer brings about.
 */

/**
 * Resolve once `check` (sync or async) answers true, asking every 10 ms; reject with "timed out
 * waiting for `what`" when it still answers false once `ms` milliseconds have passed (it is always
 * asked once more after the deadline, so a slow machine's last chance is not lost to the sleep).
 * A `check` that throws rejects at once with its error.
 */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (${ms} ms)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Resolves once every timer set before the call to run within `ms` (ms) has run, with what its
 * callback started up to its first wait on another timer or on I/O: Node runs timers in the
 * order they fall due and drains the promises each callback starts before the next, and this
 * one, set now for `ms` + 1, falls due after all of them. The barrier for a claim that something
 * a timer of at most `ms` would do (a retry, a give-up) does not happen: past it, it would have
 * begun. `ms` is the longest such wait the code under test can have set, named from its options.
 */
export async function pastTimers(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms + 1));
  await new Promise((r) => setImmediate(r));
}
