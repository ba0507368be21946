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
