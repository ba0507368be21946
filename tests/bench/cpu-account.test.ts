import { afterEach, describe, expect, it, vi } from 'vitest';
import { CpuAccount, splitRows } from '../../bench/support/cpu-account.js';

describe('CpuAccount', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Marks at the given times (ms) with the given CPU so far of one Node process (ms). */
  const marked = (points: [at: number, cpuMs: number][]): CpuAccount => {
    const account = new CpuAccount(['Node']);
    const now = vi.spyOn(performance, 'now');
    for (const [at, cpuMs] of points) {
      now.mockReturnValueOnce(at);
      account.mark([cpuMs * 1000]);
    }
    return account;
  };

  it('splits idle from editing around the warm-up reads between them', () => {
    // Idle 0–10 s: 10 ms of CPU (1 ms/s); warm-up reads at 11 and 12 s; window 13–23 s: 200 ms (20 ms/s).
    const split = marked([[0, 0], [10_000, 10], [11_000, 60], [12_000, 110], [13_000, 150], [23_000, 350]]).split(100);
    expect(split).not.toBeNull();
    const part = split!.parts[0]!;
    expect(part.idleMsPerSecond).toBeCloseTo(1, 6);
    expect(part.editMsPerSecond).toBeCloseTo(20, 6);
    expect(split!.windowSeconds).toBeCloseTo(10, 6);
    // 200 ms over 100 deliveries: 2 ms each, of which 0.1 ms idle.
    expect(splitRows(1, 'one', split!, 1)).toEqual(['| 1 | one | Node | 1.0 | 20.0 | 2.00 | 0.10 | 1.90 |']);
  });

  it('gives no split without an idle pause and a window', () => {
    expect(marked([[0, 0], [1000, 5], [2000, 9]]).split(10)).toBeNull();
  });
});
