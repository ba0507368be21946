/**
 * Every option of `samplan`'s commands with its type, and nothing else: the command line
 * (`cli-args.ts`) reads with it, and the help table (`cli-usage-rows.ts`) names its options by it.
 */

/** Every option of any command, with its type (`node:util` `parseArgs`). */
export const OPTIONS = {
  demo: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'database-url': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'redis-url': { type: 'string' },
  'public-url': { type: 'string' },
  'log-level': { type: 'string' },
  'oidc-issuer': { type: 'string' },
  'oidc-client-id': { type: 'string' },
  'oidc-audience': { type: 'string' },
  'oidc-workspace': { type: 'string' },
  'oidc-roles': { type: 'string' },
  'oidc-auto-provision': { type: 'boolean' },
  workspace: { type: 'string' },
  member: { type: 'string' },
  expires: { type: 'string' },
  label: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  units: { type: 'string' },
  code: { type: 'string' },
  parent: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'all-flagged': { type: 'boolean' },
  key: { type: 'string' },
  vacuum: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  pdf: { type: 'string' },
  unit: { type: 'string' },
  lang: { type: 'string' },
  sep: { type: 'string' },
  title: { type: 'string' },
  period: { type: 'string' },
  due: { type: 'string' },
  indicator: { type: 'string', multiple: true },
  'no-activities': { type: 'boolean' },
  interim: { type: 'boolean' },
  reason: { type: 'string' },
  overwrite: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** An option's long name. */
export type OptionName = keyof typeof OPTIONS;
