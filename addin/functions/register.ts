/**
 * Entry of `functions.js`, the script the manifest names for the custom functions. In the shared
 * runtime the task pane loads it too; it registers `SAMPLAN.INDICATOR` and `SAMPLAN.TARGET`, which
 * wait until the pane has signed in and handed over the indicator feed.
 */
import { registerCustomFunctions } from './functions.js';

registerCustomFunctions();
