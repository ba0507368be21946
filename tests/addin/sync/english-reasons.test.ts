/**
 * Texts that only come in English (a WebSocket close reason, Redis's error) are given in the
 * English sentence and left out of the Swedish one, which says what happened in Swedish words only.
 * (The pane's fallbacks for a server not reached: `tests/addin/taskpane/refusal-fallback-words.test.ts`.)
 */
import { describe, expect, it } from 'vitest';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { unannounced } from '../../../server/fanout/rights-acks.js';

describe('English-only reasons stay out of the Swedish sentence', () => {
  it('a refused change closed with a reason of the server', () => {
    const { message } = refusalFor(4422, 'An edit of a row that was deleted meanwhile was not saved');
    expect(message.sv).toBe('Servern tog inte emot en ändring.');
    expect(message.en).toBe('The server refused a change: An edit of a row that was deleted meanwhile was not saved');
  });

  it('a rights change Redis did not announce', () => {
    const words = unannounced('connect ECONNREFUSED 127.0.0.1:6379');
    expect(words.sv).not.toContain('ECONNREFUSED');
    expect(words.sv).toMatch(/^Ändringen är sparad, men Redis nås inte: /);
    expect(words.en).toContain('(connect ECONNREFUSED 127.0.0.1:6379)');
  });
});
