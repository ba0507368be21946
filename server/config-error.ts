/**
 * The error of a setting (`config.ts`, `auth/oidc-config.ts`), in a module of its own so that the
 * CLI tells it (exit 2, one line) without loading what tells a store's errors (`cli-failure.ts`).
 */

/** A configuration value that could not be accepted; `message` is meant for the operator. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
