/**
 * Fills `manifests/manifest.template.xml` with a public https address.
 *
 *   npm run manifest -- --url https://samplan.example.se   # writes dist/manifest.xml
 *   npm run manifest -- --url https://… --out my.xml
 *   npm run manifest -- --dev                              # rewrites manifests/manifest.xml (https://localhost:3000)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');

/** The development manifest's own Id and name, so it can sit next to a production install. */
export const DEV = {
  url: 'https://localhost:3000',
  id: 'ffe21146-7cad-47f1-b78b-172c752b023b',
  name: 'Samplan (dev)',
};

const TEMPLATE_ID = '3c6f1d6e-8a51-4a3e-9d0b-5f2d7e4b9a10';

/** Checks a public address: https, no path, no trailing slash. Returns it normalised or throws. */
export function publicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL; give the server's address, e.g. https://samplan.example.se`);
  }
  if (url.protocol !== 'https:') throw new Error(`Office loads add-ins over https only; "${raw}" is not https.`);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error(`Give the bare origin (https://host[:port]) without a path: "${raw}".`);
  return url.origin;
}

/** The template with `{{PUBLIC_URL}}` filled in (and, for the dev manifest, its Id, name and header). */
export function fillManifest(template: string, url: string, dev = false): string {
  let text = template.replaceAll('{{PUBLIC_URL}}', url);
  if (dev) {
    text = text
      .replace(TEMPLATE_ID, DEV.id)
      .replaceAll('Value="Samplan">', `Value="${DEV.name}">`)
      .replace('Value="Samplan"/>\n  </DisplayName>', `Value="${DEV.name}"/>\n  </DisplayName>`)
      .replace(
        /<!--[\s\S]*?-->/,
        // No double hyphen may appear inside an XML comment, so options are named, not spelled.
        `<!--
  Samplan: development manifest for sideloading, generated from manifest.template.xml by
  \`npm run manifest\` with the dev option. The pane comes from ${DEV.url}, the https dev proxy
  in front of \`npm start\`: trust the dev certificate once with \`npx office-addin-dev-certs install\`,
  then run \`npm run dev-https\` next to \`npm start\`, and \`npm run sideload\`.
-->`,
      );
  }
  return text;
}

function main(): void {
  const { values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' }, dev: { type: 'boolean' } } });
  const template = readFileSync(resolve(root, 'manifests/manifest.template.xml'), 'utf8');
  try {
    const url = values.dev ? DEV.url : publicUrl(values.url ?? '');
    const out = resolve(values.out ?? (values.dev ? 'manifests/manifest.xml' : 'dist/manifest.xml'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, fillManifest(template, url, values.dev));
    process.stdout.write(`Wrote ${out} for ${url}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nUsage: npm run manifest -- --url https://samplan.example.se [--out file]\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
