/**
 * Every close code the server sends (`shared/protocol/close-codes.ts`) has its own words in the
 * pane (Swedish and English), and the pane has decided for each whether to connect again on its
 * own: y-websocket 3.1.0 stops on every 4400–4499 unless told otherwise (`shouldReconnect`), so a
 * transient one (4429) must be named here, and a refusal must not be retried in a loop.
 */
import { describe, expect, it } from 'vitest';
import { TERMINAL_CLOSE_CODES } from '../../../addin/sync/connect-doc.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { CloseCode, HELD_ANSWER_OVERDUE_REASON } from '../../../shared/protocol/close-codes.js';

/** Close codes after which the pane connects again, with a backoff (every other code is terminal). */
const TRANSIENT: readonly number[] = [CloseCode.goingAway, CloseCode.unavailable, CloseCode.tryAgainLater, CloseCode.rateLimited];

describe('the close codes the server sends', () => {
  it.each(Object.entries(CloseCode))('%s (%i) has words of its own in Swedish and English', (_name, code) => {
    const { message } = refusalFor(code, '');
    expect(message.sv).not.toMatch(/kod \d+/);
    expect(message.en).not.toMatch(/code \d+/);
    expect(message.sv).not.toEqual(message.en);
  });

  it.each(Object.entries(CloseCode))('%s (%i) is either retried or a refusal the pane stops on, never both', (_name, code) => {
    expect(TRANSIENT.includes(code)).toBe(!TERMINAL_CLOSE_CODES.includes(code));
  });

  it('a peer whose changes did not arrive in time is told so, not that it fell behind', () => {
    const words = refusalFor(CloseCode.tryAgainLater, HELD_ANSWER_OVERDUE_REASON).message;
    expect(words.sv).toMatch(/nådde inte servern/);
    expect(words).not.toEqual(refusalFor(CloseCode.tryAgainLater, '').message);
  });
});
