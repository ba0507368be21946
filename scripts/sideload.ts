/**
 * Sideloads the development manifest (`manifests/manifest.xml`, pane at https://localhost:3000)
 * into Excel.
 *
 * - Windows: registers it as a developer add-in with `office-addin-dev-settings` (fetched by npx).
 * - macOS: copies it into Excel's `wef` folder.
 * - Excel on the web (any system, or `--web`): prints the upload steps; the web has no folder to copy to.
 *
 * Before: `npx office-addin-dev-certs install` (once), `npm start` and `npm run dev-https`.
 * Then restart Excel and open Home → Add-ins (Windows, Mac) or upload the manifest (web).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const manifest = resolve(import.meta.dirname, '../manifests/manifest.xml');
const web = process.argv.includes('--web');

const webSteps = `Excel on the web:
  1. Start the server (npm start) and the https proxy (npm run dev-https); open https://localhost:3000/addin/taskpane.html once and accept the certificate.
  2. Open a workbook at office.com, then Home → Add-ins → More add-ins → My add-ins → Upload my add-in.
  3. Choose ${manifest}.
`;

if (web || (process.platform !== 'win32' && process.platform !== 'darwin')) {
  process.stdout.write(webSteps);
} else if (process.platform === 'darwin') {
  const wef = join(homedir(), 'Library/Containers/com.microsoft.Excel/Data/Documents/wef');
  mkdirSync(wef, { recursive: true });
  copyFileSync(manifest, join(wef, 'samplan-dev.xml'));
  process.stdout.write(`Copied the manifest to ${wef}.\nRestart Excel; Samplan (dev) appears under Home → Add-ins → Developer add-ins.\n`);
} else {
  const result = spawnSync('npx', ['--yes', 'office-addin-dev-settings', 'sideload', manifest, 'desktop'], { stdio: 'inherit', shell: true });
  if (result.status === 0) process.stdout.write('Registered. Excel opens with Samplan (dev) on the Home tab.\n');
  else process.stdout.write(`Registration failed. Alternatively share a folder containing the manifest and add it as a Trusted Add-in Catalog (File → Options → Trust Center).\n`);
  process.exitCode = result.status ?? 1;
}
