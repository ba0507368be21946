import { describe, expect, it } from 'vitest';
import { unstalledLatencies } from '../../bench/support/client-stalls.js';

describe('deliveries a bench-process collection fell in', () => {
  it('sets apart every delivery whose wait a pause overlaps, however little, and keeps the others’ latencies', () => {
    // Deliveries as sent, received (ms); pauses as start, end, given out of order.
    const spans = [0, 2, 10, 12, 19, 31, 40, 41, 50, 55];
    const pauses = [30, 30.5, 11.5, 20, 100, 110];
    // 10–12 ends inside the pause 11.5–20; 19–31 holds both pauses' edges; 40–41 and 50–55 see none, nor does 0–2.
    expect(unstalledLatencies(spans, pauses)).toEqual({ latencies: [2, 1, 5], stalled: 2 });
  });

  it('counts a pause inside a long wait, and one that began before the send and ended after it', () => {
    expect(unstalledLatencies([10, 20], [14, 15])).toEqual({ latencies: [], stalled: 1 });
    expect(unstalledLatencies([10, 20], [5, 11])).toEqual({ latencies: [], stalled: 1 });
    expect(unstalledLatencies([10, 20], [1, 2, 3, 9.9, 20.1, 30])).toEqual({ latencies: [10], stalled: 0 });
  });

  it('keeps every latency when the bench process did not collect', () => {
    expect(unstalledLatencies([0, 3, 5, 9], [])).toEqual({ latencies: [3, 4], stalled: 0 });
  });
});
