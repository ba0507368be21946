/**
 * The environment variable naming one test run's scratch directory, made and removed by
 * `global-setup.ts` (vitest's `globalSetup`) and inherited by every worker: what the first test
 * of a run that needs it makes once and the later ones reuse lives there (the PostgreSQL cluster
 * template of `services.ts`, the locks of `compiled.ts`). Unset outside a test run (the benches).
 */
export const RUN_DIR_ENV = 'SAMPLAN_TEST_RUN_DIR';
