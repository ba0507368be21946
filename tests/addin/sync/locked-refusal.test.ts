import { describe, expect, it } from 'vitest';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { lockedCloseReason } from '../../../shared/protocol/locked-refusal.js';

describe('a write to a row an approved round locks', () => {
  it('is told in Swedish and English, naming the round by its period in words (the codes stay in the reason)', () => {
    const r = refusalFor(4422, lockedCloseReason('2025-kv-2', '2025Q2'));
    expect(r.message.sv).toBe('Raden ingår i den godkända omgången 2025 kv 2 och är låst. Be en administratör öppna enhetens rapport för ändring.');
    expect(r.message.en).toBe('The row is part of the approved round 2025 Q2 and is locked. Ask an admin to reopen the unit\'s report for changes.');
    expect(r.reason).toContain('2025-kv-2');
  });

  it('leaves other 4422 reasons as they were', () => {
    expect(refusalFor(4422, 'Malformed update').message.en).toBe('The server refused a change: Malformed update');
  });
});
