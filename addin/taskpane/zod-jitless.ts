/**
 * The pane runs under a Content-Security-Policy without `'unsafe-eval'` (see the server's
 * `page-headers.ts`). Zod would probe for `new Function` on its first parse and, although it
 * falls back, the browser reports the probe as a policy violation; jitless mode skips it.
 * Imported first by every page's entry, before anything parses.
 */
import { config } from 'zod';

config({ jitless: true });
