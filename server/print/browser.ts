/**
 * Finds a Chromium for PDF reports (`samplan report --pdf`) and the end-to-end tests, and launches it headless with flags that keep it
 * quiet and offline from Google's services, and without the address bar's popup page ({@link DISABLED_FEATURES}). A system Chromium is used when there is one;
 * otherwise the one shipped in the npm package `@sparticuz/chromium` (a dev dependency): its
 * brotli-packed binary, libraries (NSS, expat), SwiftShader and fonts are unpacked once into
 * `$TMPDIR/samplan-chromium-<version>` and the browser is started with `LD_LIBRARY_PATH` and
 * `FONTCONFIG_PATH` pointing there. So `npm install && npm test` needs no browser installed by
 * hand. `SAMPLAN_E2E_NO_SYSTEM_BROWSER=1` skips the system paths (to test the fallback on a
 * machine that has a system Chromium); `CHROMIUM_PATH` always wins.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompress as brotliDecompressCb, createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const brotliDecompress = promisify(brotliDecompressCb);

/** The sentence shown when no browser is found; it is also the fix. */
export const INSTALL_HINT =
  'No Chromium found (for PDF reports and the end-to-end tests): run `npm install` (it brings @sparticuz/chromium), set CHROMIUM_PATH, or `apt-get install -y chromium`';

/** {@link INSTALL_HINT} in Swedish. */
export const INSTALL_HINT_SV =
  'Ingen Chromium hittades (för PDF-rapporter och end-to-end-testerna): kör `npm install` (det tar med @sparticuz/chromium), sätt CHROMIUM_PATH, eller `apt-get install -y chromium`';

/** No Chromium on this machine: the message is {@link INSTALL_HINT}, which is also the fix; `sv` its Swedish. */
export class BrowserMissing extends Error {
  readonly sv = INSTALL_HINT_SV;

  constructor() {
    super(INSTALL_HINT);
    this.name = 'BrowserMissing';
  }
}

/** A browser to launch: its executable and what its environment needs on top of ours. */
export interface FoundBrowser {
  executablePath: string;
  /** Extra environment variables (library and font paths of the bundled browser). */
  env: Record<string, string>;
  /** `system` for an installed Chromium, `bundled` for the npm package's. */
  source: 'system' | 'bundled';
}

/** Where a system Chromium may be, in the order tried; `CHROMIUM_PATH` wins. */
export function browserCandidates(env: Record<string, string | undefined> = process.env): string[] {
  const system = env.SAMPLAN_E2E_NO_SYSTEM_BROWSER === '1'
    ? []
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return [env.CHROMIUM_PATH, ...system].filter((p): p is string => Boolean(p));
}

/**
 * The first system candidate that exists, else the bundled Chromium (unpacked on first use).
 * Throws {@link BrowserMissing} (message {@link INSTALL_HINT}) when neither is there.
 */
export async function findBrowser(
  env: Record<string, string | undefined> = process.env,
  exists: (p: string) => boolean = existsSync,
  bundled: () => Promise<FoundBrowser | null> = bundledChromium,
): Promise<FoundBrowser> {
  const found = browserCandidates(env).find((p) => exists(p));
  if (found) return { executablePath: found, env: {}, source: 'system' };
  const fallback = await bundled();
  if (!fallback) throw new BrowserMissing();
  return fallback;
}

/** The `bin/` folder of `@sparticuz/chromium` and its version; null when not installed. */
function bundledPackage(): { bin: string; version: string } | null {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  // The package root: the nearest folder above the entry with a `bin/` next to a package.json.
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'bin', 'chromium.br')) && dirname(dir) !== dir) dir = dirname(dir);
  if (!existsSync(join(dir, 'bin', 'chromium.br'))) return null;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { bin: join(dir, 'bin'), version };
}

/** Decompress a brotli file to `out`. */
async function unbrotli(file: string, out: string): Promise<void> {
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(out, { mode: 0o755 }));
}

/** Unpack a brotli-compressed tar (a few MB) into `dir` with the system `tar`. */
async function untarBrotli(file: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const tarball = await brotliDecompress(await readFile(file));
  const tar = spawnSync('tar', ['-x', '--no-same-owner', '-C', dir], { input: tarball, encoding: 'utf8' });
  if (tar.error) throw tar.error;
  if (tar.status !== 0) throw new Error(`tar failed on ${file}: ${tar.stderr.trim()}`);
}

/** Font configuration naming only the unpacked fonts (the package's own names /tmp paths). */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(dir, 'fonts')}</dir>
  <cachedir>${join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

/**
 * Unpack `bin` into `dir`: first into a private staging folder, then renamed into place, so
 * parallel test workers never see a half-unpacked browser (the loser of the rename uses the
 * winner's copy).
 */
async function unpack(bin: string, dir: string): Promise<void> {
  const staging = `${dir}.${process.pid}.part`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await Promise.all([
      unbrotli(join(bin, 'chromium.br'), join(staging, 'chromium')),
      untarBrotli(join(bin, 'swiftshader.tar.br'), staging),
      untarBrotli(join(bin, 'al2023.tar.br'), join(staging, 'al2023')),
      untarBrotli(join(bin, 'fonts.tar.br'), join(staging, 'fonts')),
    ]);
    writeFileSync(join(staging, 'fonts', 'fonts.conf'), fontsConf(dir));
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'chromium'))) throw err;
  }
}

/**
 * The Chromium of `@sparticuz/chromium`, unpacked into `$TMPDIR/samplan-chromium-<version>` on
 * first use (a few seconds; later runs reuse it). Null when the package is not installed.
 */
export async function bundledChromium(): Promise<FoundBrowser | null> {
  const pkg = bundledPackage();
  if (!pkg) return null;
  const dir = join(tmpdir(), `samplan-chromium-${pkg.version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(pkg.bin, dir);
  return {
    executablePath: join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_PATH: join(dir, 'fonts') },
    source: 'bundled',
  };
}

/** The flags every test browser runs with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Extra flags for the bundled headless shell, which runs without a zygote. */
const BUNDLED_FLAGS = ['--no-zygote'];

/**
 * Chromium features every launch turns off. A Chromium with its own window chrome (the system one,
 * headless) makes a browser window for every context, and with it the address bar's popup, a web
 * page of Chromium's own (`chrome://omnibox-popup.top-chrome`, about 400 scripts) in a renderer of
 * its own: 1.4–1.9 s of CPU per context, so per PDF printed (one context each) and per end-to-end
 * context. Nothing here ever opens that popup. Both names are needed (either alone leaves it). The
 * bundled headless shell has no window chrome and ignores them.
 */
export const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * The launcher that joins Playwright's `--disable-features` list and {@link DISABLED_FEATURES}
 * into one switch before it starts the browser named by `SAMPLAN_CHROMIUM_EXECUTABLE`: Chromium
 * keeps only the last such switch, and Playwright's own list (features that call Google's servers
 * at start, among others) must hold too. Beside this module in the source and in `dist/` (the
 * build copies it: `scripts/server-files.ts`).
 */
export const FEATURE_LAUNCHER = resolve(import.meta.dirname, 'chromium-features.sh');

/**
 * Can {@link FEATURE_LAUNCHER} start the browser here: a POSIX shell (not Windows) and the script
 * present and executable? When not, Chromium starts directly, with Playwright's feature list and
 * the popup's cost.
 */
export function featureLauncherUsable(launcher = FEATURE_LAUNCHER, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  try {
    accessSync(launcher, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Launches the found Chromium. Playwright gives every launch a fresh temporary profile
 * (`--user-data-dir`) and deletes it on close, so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(await browserLaunchOptions());
}

/**
 * How {@link launchBrowser} starts the found Chromium: {@link CHROMIUM_FLAGS} (with `--no-zygote`
 * for the bundled one), headless, our environment with the browser's added, and
 * {@link DISABLED_FEATURES} off through {@link FEATURE_LAUNCHER} (which is then the executable, the
 * browser's path in `SAMPLAN_CHROMIUM_EXECUTABLE`) where it can run. Also used to start one browser
 * server for a whole end-to-end test run. Throws {@link BrowserMissing} when there is no Chromium.
 */
export async function browserLaunchOptions(): Promise<{ executablePath: string; args: string[]; headless: true; env: Record<string, string> }> {
  const found = await findBrowser();
  const args = found.source === 'bundled' ? [...CHROMIUM_FLAGS, ...BUNDLED_FLAGS] : CHROMIUM_FLAGS;
  const env = { ...process.env, ...found.env } as Record<string, string>;
  // Without the launcher a --disable-features of ours would replace Playwright's list: left out.
  if (!featureLauncherUsable()) return { executablePath: found.executablePath, args, headless: true, env };
  return {
    executablePath: FEATURE_LAUNCHER,
    args: [...args, `--disable-features=${DISABLED_FEATURES.join(',')}`],
    headless: true,
    env: { ...env, SAMPLAN_CHROMIUM_EXECUTABLE: found.executablePath },
  };
}
