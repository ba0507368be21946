/**
 * The end-to-end tests launch the Chromium the product's PDF printing finds, with the same options
 * (`server/print/browser.ts`: its flags, and the address bar's popup off through
 * `chromium-features.sh`).
 */
export { browserLaunchOptions, bundledChromium, browserCandidates, CHROMIUM_FLAGS, DISABLED_FEATURES, FEATURE_LAUNCHER, findBrowser, INSTALL_HINT, launchBrowser, type FoundBrowser } from '../../../server/print/browser.js';
