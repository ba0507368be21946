/**
 * End to end, in Chromium: a message far over the server's frame limit, sent by a browser
 * WebSocket as the pane's would send it, is cut by the server's socket layer, and the browser
 * reports close code 1009, the code the pane treats as a refusal in the same words as 4413
 * (`addin/sync/connect-doc.ts`, `connection-status.ts`). A message just over the limit gets
 * 4413 with the server's sentence.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { PAYLOAD_MARGIN_BYTES } from '../../server/sync/route.js';
import { startTestServer, TOKENS, type TestServer } from '../server/sync/support.js';
import { connectBrowser } from './support/shared-browser.js';

const MAX_FRAME_BYTES = 64 * 1024;

let server: TestServer;
let browser: Browser;

/** Opens a socket to `plan-a` in the page, sends one binary message of `bytes` bytes, and returns how it closed. */
async function sendFromBrowser(bytes: number): Promise<{ code: number; reason: string }> {
  const page = await browser.newPage();
  try {
    const url = `${server.base}/plan-a?token=${encodeURIComponent(TOKENS.editorA)}`;
    return await page.evaluate(
      ([address, size]) =>
        new Promise<{ code: number; reason: string }>((resolve, reject) => {
          const socket = new WebSocket(address);
          socket.binaryType = 'arraybuffer';
          socket.onopen = () => socket.send(new Uint8Array(size));
          socket.onclose = (event) => resolve({ code: event.code, reason: event.reason });
          setTimeout(() => reject(new Error('no close within 20 s')), 20_000);
        }),
      [url, bytes] as const,
    );
  } finally {
    await page.close();
  }
}

describe('a browser socket sending a message over the frame limit', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ maxFrameBytes: MAX_FRAME_BYTES }), connectBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('far over: the browser sees 1009, cut by the socket layer', async () => {
    expect((await sendFromBrowser(4 * 1024 * 1024)).code).toBe(CloseCode.messageTooBig);
  });

  it('just over: the browser sees 4413 and the server sentence', async () => {
    expect(await sendFromBrowser(MAX_FRAME_BYTES + PAYLOAD_MARGIN_BYTES)).toEqual({ code: CloseCode.tooLarge, reason: 'Frame too large' });
  });
});
