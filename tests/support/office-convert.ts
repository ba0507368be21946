/**
 * LibreOffice conversions for the file round-trip tests, in one LibreOffice kept running for the
 * whole test run. `soffice --convert-to` starts the office for each call: about 4.4 s of CPU a
 * start (10–15 s of wall time at load 12 on two cores), and the round-trip files made about 17 of
 * them a run (each file's own `--version` probe and a fresh profile besides). Here the first
 * conversion of a run starts one office (`soffice --accept=pipe…`, its profile and pid in the
 * run's directory, `run-dir.ts`), and every conversion is a small Python client of its UNO API
 * (`office-convert.py`, `python3-uno`): the same program opens and saves the same files with the
 * same filters, without a start of its own. `global-setup.ts` stops the office after the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { groupRuns } from './process-state.js';
import { RUN_DIR_ENV } from './run-dir.js';

/** The Python that has LibreOffice's `uno` module (Debian's `python3-uno` is for the system one). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(import.meta.dirname, 'office-convert.py');
/** How long a conversion may wait for the office to start and answer, in s (it took 18 s at load 13). */
const START_S = 120;

/**
 * The export filter `soffice --convert-to <extension>` chooses for a spreadsheet (LibreOffice's
 * filter names, `share/registry/calc.xcd`).
 */
const EXPORT_FILTERS: Record<string, string> = {
  xlsx: 'Calc MS Excel 2007 XML',
  xls: 'MS Excel 97',
  ods: 'calc8',
  csv: 'Text - txt - csv (StarCalc)',
};

/**
 * How many times a conversion is run when its client dies of a signal or loses the office: a CI
 * run once saw the client die of SIGSEGV (`tests/server/http/import-stale-file.test.ts`).
 */
const TRIES = 3;
/** What the UNO client prints when the office it was talking to went away (its bridge disposed). */
const LOST_OFFICE = /DisposedException|Binary URP bridge (?:already )?disposed/;

/** The LibreOffice program: `SOFFICE_PATH` when set, else `soffice` on the PATH. */
const SOFFICE = process.env.SOFFICE_PATH || 'soffice';

/** True when LibreOffice is there (the tests that need it skip without it, or fail on CI). */
export function hasOffice(): boolean {
  return spawnSync('sh', ['-c', 'command -v "$0"', SOFFICE], { stdio: 'ignore' }).status === 0;
}

/** The folder of the run's office, its UNO pipe's name and where its pid is written. */
function officeOf(runDir: string): { dir: string; pipe: string; pidFile: string } {
  const dir = path.join(runDir, 'office');
  return { dir, pipe: `samplan-office-${path.basename(runDir)}`, pidFile: path.join(dir, 'pid') };
}

/** Starts the run's office unless a test (in this worker or another) already did; its pipe's name. */
function residentOffice(): string {
  const office = officeOf(runDirOf());
  try {
    // Atomic: exactly one caller of the run makes the folder and starts the office.
    fs.mkdirSync(office.dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return office.pipe;
    throw err;
  }
  startOffice(office);
  return office.pipe;
}

function runDirOf(): string {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) throw new Error(`${RUN_DIR_ENV} is unset: LibreOffice conversions run under vitest (tests/support/global-setup.ts)`);
  return runDir;
}

/** Starts an office on the run's pipe and profile, and writes its group's id to the pid file. */
function startOffice(office: { dir: string; pipe: string; pidFile: string }): void {
  const profile = pathToFileURL(path.join(office.dir, 'profile')).href;
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--invisible', '--norestore', '--nologo', '--nodefault', '--nolockcheck', `--accept=pipe,name=${office.pipe};urp;`];
  // Its own process group, so that the stop ends `oosplash` and the `soffice.bin` it starts.
  const child = spawn(SOFFICE, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  // Written whole, then renamed: a reader sees the old group's id or the new one, never a part.
  const partial = `${office.pidFile}.${process.pid}`;
  fs.writeFileSync(partial, String(child.pid));
  fs.renameSync(partial, office.pidFile);
}

/**
 * Starts the run's office again when its process group no longer runs; true when it had gone.
 * Of the callers that see the same office gone (workers converting at once), the one that makes
 * `restart-<its group>` first starts the new one; the others' clients wait for it on the pipe.
 * An office whose pid is not written yet is starting, not gone.
 */
function restartIfGone(): boolean {
  const office = officeOf(runDirOf());
  let group: number;
  try {
    group = Number(fs.readFileSync(office.pidFile, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(group) || group <= 0 || groupRuns(group)) return false;
  try {
    fs.mkdirSync(path.join(office.dir, `restart-${group}`));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return true;
    throw err;
  }
  startOffice(office);
  return true;
}

/**
 * Stops the run's office when one was started (called by `global-setup.ts` after the run): its
 * process group is sent SIGTERM, then SIGKILL if a process of it still runs after 5 s. One that
 * has ended counts as gone though not yet reaped (`process-state.ts`): the office's processes,
 * whose parent (a worker) is gone, wait for init to reap them.
 */
export async function stopOffice(runDir: string): Promise<void> {
  const { pidFile } = officeOf(runDir);
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  const signal = (sig: NodeJS.Signals): boolean => {
    try {
      process.kill(-pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (!signal('SIGTERM')) return;
  for (let waited = 0; waited < 5000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!groupRuns(pid)) return;
  }
  signal('SIGKILL');
}

/**
 * What `soffice --convert-to <to> [--infilter=<infilter>] --outdir <outdir> <inputs…>` does, in
 * the run's office: each input opened (with `infilter`, `Name[:options]`, or the type LibreOffice
 * detects) and saved as `<outdir>/<input's name>.<extension>`. `to` is `<extension>` or
 * `<extension>:<filter name>[:<options>]`, as for `soffice`. Throws, with LibreOffice's or the
 * client's words, when a file cannot be opened or saved, or the office does not answer within
 * {@link START_S} s; when `python3-uno` is missing, says to install it. A client that died of a
 * signal or lost the office is run again (at most {@link TRIES} times in all), the office started
 * again first when it had gone.
 */
export function officeConvert(inputs: string[], to: string, outdir: string, infilter?: string): void {
  const [ext = '', filterName, ...exportOptions] = to.split(':');
  const exportFilter = filterName ?? EXPORT_FILTERS[ext];
  if (!exportFilter) throw new Error(`No LibreOffice export filter known for "${to}": name one ("${ext}:<filter name>")`);
  const [inName = '', ...inOptions] = (infilter ?? '').split(':');
  let words = '';
  let status: number | string | null = null;
  for (let tried = 1; ; tried += 1) {
    const pipe = residentOffice();
    // An office gone since the last conversion is started again before its pipe is waited for.
    restartIfGone();
    const args = [SCRIPT, pipe, String(START_S), exportFilter, exportOptions.join(':'), inName, inOptions.join(':'), outdir, ext, ...inputs];
    const run = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: (START_S + 60) * 1000 });
    if (run.error) throw new Error(`Could not run ${PYTHON} for a LibreOffice conversion: ${run.error.message}`);
    if (run.status === 0) return;
    words = `${run.stderr}`.trim();
    status = run.status ?? run.signal;
    if (/No module named 'uno'/.test(words)) {
      throw new Error('LibreOffice conversions need its Python bridge: install it with `apt-get install -y python3-uno` (Debian/Ubuntu).');
    }
    // A client that died of a signal, or an office that went away under it, is tried again (the
    // files are stored with Overwrite); a file LibreOffice refused to open or save is not.
    const gone = restartIfGone();
    if (tried >= TRIES || !(gone || run.signal !== null || LOST_OFFICE.test(words))) break;
  }
  throw new Error(`LibreOffice could not convert ${inputs.join(', ')} to ${to}: ${words || `exit ${status}`}`);
}

