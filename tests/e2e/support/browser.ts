/** The end-to-end tests launch the Chromium the product's PDF printing finds (`server/print/browser.ts`). */
export { browserLaunchOptions, bundledChromium, browserCandidates, CHROMIUM_FLAGS, findBrowser, INSTALL_HINT, launchBrowser, type FoundBrowser } from '../../../server/print/browser.js';
