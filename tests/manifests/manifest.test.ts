/**
 * The add-in manifests, checked the way the XML manifest reference describes them: the
 * TaskPaneApp element order of "How to find the proper order of manifest elements", the values
 * Office requires, and every URL they name answered by the app. (`npm run validate-manifest`
 * runs Microsoft's online validator on top of this for users with network.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SamplanApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { DEV, fillManifest, publicUrl } from '../../scripts/manifest.js';
import { OPEN_PALETTE_ACTION, PULL_INDICATORS_ACTION } from '../../addin/taskpane/office-actions.js';
import { ensurePaneBuilt } from '../e2e/support/server.js';
import { child, childNames, descendants, inOrder, parseXml } from './xml.js';

const root = resolve(import.meta.dirname, '../..');
const template = readFileSync(resolve(root, 'manifests/manifest.template.xml'), 'utf8');
const dev = readFileSync(resolve(root, 'manifests/manifest.xml'), 'utf8');
const PROD = 'https://samplan.example.se';

/** The order of `<OfficeApp xsi:type="TaskPaneApp">`'s children in the manifest reference. */
const TASKPANE_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
  'Dictionary', 'VersionOverrides', 'ExtendedOverrides',
];
const REQUIRED = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'SupportUrl', 'Hosts', 'DefaultSettings', 'Permissions'];
/** `<VersionOverrides>` (V1_0, task pane) children in reference order. */
const OVERRIDES_ORDER = ['Description', 'Requirements', 'Hosts', 'Resources', 'EquivalentAddins', 'VersionOverrides'];
/** `<DesktopFormFactor>` children in reference order. */
const DESKTOP_ORDER = ['GetStarted', 'FunctionFile', 'ExtensionPoint'];

const manifests = [
  { name: 'manifest.xml (dev)', text: dev, origin: DEV.url },
  { name: 'manifest.template.xml filled', text: fillManifest(template, PROD), origin: PROD },
];

/** Every URL value in a manifest: DefaultValue/Value/Url attributes and AppDomain texts that look like URLs. */
function urlsOf(doc: Document): string[] {
  const values = descendants(doc.documentElement).flatMap((el) => [
    el.getAttribute('DefaultValue') ?? '',
    el.getAttribute('Value') ?? '',
    el.getAttribute('Url') ?? '',
    el.localName === 'AppDomain' ? (el.textContent ?? '') : '',
  ]);
  return [...new Set(values.filter((v) => /^https?:\/\//.test(v)))];
}

describe.each(manifests)('$name', ({ text, origin }) => {
  const doc = parseXml(text);
  const app = doc.documentElement;
  const value = (name: string) => child(app, name)?.textContent?.trim();

  it('is a TaskPaneApp in the appforoffice 1.1 namespace', () => {
    expect(app.localName).toBe('OfficeApp');
    expect(app.namespaceURI).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(app.getAttribute('xsi:type')).toBe('TaskPaneApp');
  });

  it('has the required elements in the order the reference gives', () => {
    const names = childNames(app);
    for (const name of REQUIRED) expect(names).toContain(name);
    expect(inOrder(names, TASKPANE_ORDER)).toBe(true);
  });

  it('has a GUID Id, a four-part Version, a provider, Swedish as default locale, Workbook host and ReadWriteDocument', () => {
    expect(value('Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(value('Version')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(value('ProviderName')).toBe('Samplan');
    expect(value('DefaultLocale')).toBe('sv-SE');
    expect([...(child(app, 'Hosts')?.children ?? [])].map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(value('Permissions')).toBe('ReadWriteDocument');
  });

  it('loads the pane from /addin/taskpane.html on its own https origin', () => {
    const source = child(child(app, 'DefaultSettings'), 'SourceLocation')?.getAttribute('DefaultValue');
    expect(source).toBe(`${origin}/addin/taskpane.html?host=office`);
    for (const url of urlsOf(doc)) expect(new URL(url).origin).toBe(origin);
  });

  it('marks every page Office opens with host=office, so the page loads office.js however the host passes its info', () => {
    const pages = urlsOf(doc).filter((u) => /\/addin\/[^/]+\.html/.test(u));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const url of pages) expect(new URL(url).searchParams.get('host'), url).toBe('office');
  });

  it('points SupportUrl at the help page and names the shortcuts file below VersionOverrides', () => {
    expect(child(app, 'SupportUrl')?.getAttribute('DefaultValue')).toBe(`${origin}/help`);
    const names = childNames(app);
    expect(names.at(-1)).toBe('ExtendedOverrides');
    expect(names.at(-2)).toBe('VersionOverrides');
    expect(child(app, 'ExtendedOverrides')?.getAttribute('Url')).toBe(`${origin}/addin/shortcuts.json`);
  });

  it('gives every ribbon icon the 16, 20, 32 and 80 px sizes', () => {
    const icons = descendants(app).filter((e) => e.localName === 'Icon');
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect([...icon.children].map((i) => i.getAttribute('size'))).toEqual(['16', '20', '32', '80']);
  });

  it('orders the ribbon command elements as the reference does and defines every resid it uses', () => {
    const overrides = child(app, 'VersionOverrides');
    expect(overrides).not.toBeNull();
    expect(inOrder(childNames(overrides as Element), OVERRIDES_ORDER)).toBe(true);
    const desktop = descendants(overrides as Element).find((e) => e.localName === 'DesktopFormFactor');
    expect(inOrder(childNames(desktop as Element), DESKTOP_ORDER)).toBe(true);
    const defined = new Set(
      descendants(child(overrides, 'Resources') as Element)
        .map((e) => e.getAttribute('id'))
        .filter(Boolean),
    );
    const used = descendants(overrides as Element)
      .map((e) => e.getAttribute('resid'))
      .filter((r): r is string => Boolean(r));
    expect(used.length).toBeGreaterThan(5);
    for (const resid of used) expect(defined).toContain(resid);
  });
});

describe('manifest files', () => {
  it('keeps the dev manifest what `npm run manifest -- --dev` makes of the template', () => {
    expect(dev).toBe(fillManifest(template, DEV.url, true));
  });

  it('gives the dev and production manifests different Ids so both can be installed', () => {
    const id = (text: string) => parseXml(text).getElementsByTagName('Id')[0]?.textContent;
    expect(id(dev)).not.toBe(id(fillManifest(template, PROD)));
  });

  it('accepts only a bare https origin as public URL', () => {
    expect(publicUrl('https://samplan.example.se/')).toBe('https://samplan.example.se');
    expect(() => publicUrl('http://samplan.example.se')).toThrow(/https/);
    expect(() => publicUrl('https://samplan.example.se/addin')).toThrow(/without a path/);
  });

  it.each([
    ['manifest.xml', dev],
    ['manifest.template.xml', template],
  ])('%s has no double hyphen inside a comment (XML forbids it; Office refuses such a manifest)', (_name, text) => {
    for (const comment of text.match(/<!--([\s\S]*?)-->/g) ?? []) expect(comment.slice(4, -3)).not.toContain('--');
  });

  it('rejects XML that is not well formed', () => {
    expect(() => parseXml('<OfficeApp><Id></OfficeApp>')).toThrow();
  });
});

describe('what the manifests name is served by the app', () => {
  let samplan: SamplanApp;

  beforeAll(() => {
    ensurePaneBuilt();
    samplan = createApp({
      storage: createMemoryStorage(),
      logger: silentLogger(),
      clock: () => new Date(),
      publicUrl: PROD,
      staticRoot: { addin: resolve(root, 'dist/addin'), manifests: resolve(root, 'manifests') },
    });
  }, 120_000);
  afterAll(async () => samplan?.close());

  it.each(manifests)('serves every URL of $name', async ({ text }) => {
    const urls = urlsOf(parseXml(text)).filter((u) => new URL(u).pathname !== '/');
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      const path = new URL(url).pathname;
      const res = await samplan.app.request(path);
      expect(res.status, path).toBe(200);
      if (path.endsWith('.png')) {
        expect(res.headers.get('content-type')).toBe('image/png');
        expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }
      if (path.endsWith('.html')) expect(await res.text()).toMatch(/<html/);
    }
  });

  it.each(manifests)('declares the SAMPLAN custom functions in a shared runtime, and $name serves their metadata', async ({ text }) => {
    const doc = parseXml(text);
    const all = descendants(doc.documentElement);
    const host = all.find((e) => e.localName === 'Host' && e.getAttribute('xsi:type') === 'Workbook') as Element;
    expect(inOrder(childNames(host), ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'])).toBe(true);
    expect(child(child(host, 'Runtimes'), 'Runtime')?.getAttribute('lifetime')).toBe('long');
    const point = all.find((e) => e.localName === 'ExtensionPoint' && e.getAttribute('xsi:type') === 'CustomFunctions') as Element;
    expect(childNames(point)).toEqual(['Script', 'Page', 'Metadata', 'Namespace']);
    const resource = (id: string) => all.find((e) => e.getAttribute('id') === id)?.getAttribute('DefaultValue');
    expect(resource(child(point, 'Namespace')?.getAttribute('resid') ?? '')).toBe('SAMPLAN');
    // The shared runtime: the functions' page, the ribbon's function file and the pane are one page.
    expect(child(child(point, 'Page'), 'SourceLocation')?.getAttribute('resid')).toBe('Taskpane.Url');
    expect(all.find((e) => e.localName === 'FunctionFile')?.getAttribute('resid')).toBe('Taskpane.Url');
    expect(all.some((e) => e.localName === 'Set' && e.getAttribute('Name') === 'SharedRuntime')).toBe(true);
    const metadataUrl = resource(child(child(point, 'Metadata'), 'SourceLocation')?.getAttribute('resid') ?? '') as string;
    const metadata = (await (await samplan.app.request(new URL(metadataUrl).pathname)).json()) as { functions: { id: string; options: { stream: boolean } }[] };
    expect(metadata.functions.map((f) => [f.id, f.options.stream])).toEqual([
      ['INDICATOR', true],
      ['TARGET', true],
    ]);
  });

  it.each(manifests)('$name puts "Hämta indikatortabell" on the ribbon as a function the pane associates', ({ text }) => {
    const all = descendants(parseXml(text).documentElement);
    const controls = all.filter((e) => e.localName === 'Control' && e.getAttribute('xsi:type') === 'Button');
    expect(controls.map((c) => c.getAttribute('id'))).toEqual(['Samplan.ShowPane', 'Samplan.PullIndicators']);
    const pull = controls[1] as Element;
    const action = child(pull, 'Action');
    expect(action?.getAttribute('xsi:type')).toBe('ExecuteFunction');
    expect(child(action, 'FunctionName')?.textContent).toBe(PULL_INDICATORS_ACTION);
    expect(childNames(pull)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
    const label = all.find((e) => e.getAttribute('id') === child(pull, 'Label')?.getAttribute('resid'));
    expect(label?.getAttribute('DefaultValue')).toBe('Hämta indikatortabell');
    expect(all.find((e) => e.getAttribute('id') === child(child(pull, 'Supertip'), 'Description')?.getAttribute('resid'))).toBeDefined();
  });

  it('serves icons of the sizes they name (16, 20, 32, 64, 80)', async () => {
    for (const size of [16, 20, 32, 64, 80]) {
      const png = new Uint8Array(await (await samplan.app.request(`/addin/icon-${size}.png`)).arrayBuffer());
      const view = new DataView(png.buffer);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([size, size]);
    }
  });

  it('serves a shortcuts file whose one shortcut opens the palette action the pane associates', async () => {
    const res = await samplan.app.request('/addin/shortcuts.json');
    expect(res.status).toBe(200);
    const file = (await res.json()) as { actions: { id: string; type: string; name: string }[]; shortcuts: { action: string; key: { default: string } }[] };
    expect(file.actions).toEqual([{ id: OPEN_PALETTE_ACTION, type: 'ExecuteFunction', name: expect.any(String) }]);
    expect(file.shortcuts.map((s) => s.action)).toEqual([OPEN_PALETTE_ACTION]);
    // At least one modifier other than Shift and exactly one other key, as Office requires.
    expect(file.shortcuts[0]?.key.default).toMatch(/^(Ctrl|Alt|Command)(\+(Ctrl|Alt|Shift|Command))*\+[A-Z0-9]$/);
  });

  it('answers the root and help pages with HTML, not a JSON 404', async () => {
    for (const path of ['/', '/help']) {
      const res = await samplan.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(path === '/' ? /href="\/playground".*href="\/manifest.xml"/s : /Getting started/);
    }
  });

  it('serves the template filled with its https public URL at /manifest.xml, and the dev manifest by name', async () => {
    expect(await (await samplan.app.request('/manifest.xml')).text()).toBe(fillManifest(template, PROD));
    expect(await (await samplan.app.request('/manifests/manifest.xml')).text()).toBe(dev);
  });
});
