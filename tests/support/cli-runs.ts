/**
 * A child process's entry point that runs the CLI's `main` once for each command line in
 * `SAMPLAN_CLI_RUNS` (JSON, an array of argument arrays), one after another in this one process,
 * and prints their exit codes as JSON on its last line of stdout. A test that records what a
 * process loads (`cli-loads.test.ts`) learns so in one start what a dozen commands load together.
 */
import { main } from '../../server/cli.js';

const runs = JSON.parse(process.env.SAMPLAN_CLI_RUNS ?? '[]') as string[][];
const codes: number[] = [];
for (const args of runs) codes.push(await main(args));
process.stdout.write(`\n${JSON.stringify(codes)}\n`);
