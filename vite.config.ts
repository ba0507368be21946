/**
 * Builds the add-in's pages from `addin/` into `dist/addin`, served by the server under
 * `/addin/`: `taskpane.html` (the pane Office loads), `playground/index.html` (served at
 * `/playground`) and `functions.js` (the custom functions; `functions.json` is generated beside it). Asset URLs are absolute (`/addin/assets/…`), so a page works from any path.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { SINGLE_BYTE_ENCODINGS } from './shared/validate/single-byte-encodings.js';

const root = resolve(import.meta.dirname, 'addin');

/**
 * Vite names an HTML output after its path under `root` (`taskpane/taskpane.html`); the
 * manifest and the server expect the pane's pages at `/addin/taskpane.html` and
 * `/addin/commands.html`, so move them up one level. Their asset URLs are absolute and do not change.
 */
function flattenTaskpane(): Plugin {
  return {
    name: 'samplan-flatten-taskpane',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        const page = bundle[name];
        if (!page || !/^taskpane\/[^/]+\.html$/.test(name)) continue;
        delete bundle[name];
        page.fileName = name.slice('taskpane/'.length);
        bundle[page.fileName] = page;
      }
    },
  };
}

/**
 * Emits `functions.json`, the custom functions' metadata, generated from the JSDoc tags of
 * `addin/functions/functions.ts` by `custom-functions-metadata`, so every build has it beside
 * `functions.js`. A tag error fails the build.
 */
function customFunctionsMetadata(): Plugin {
  return {
    name: 'samplan-custom-functions-metadata',
    async generateBundle() {
      const { generateCustomFunctionsMetadata } = await import('custom-functions-metadata');
      const result = await generateCustomFunctionsMetadata(resolve(root, 'functions/functions.ts'));
      if (result.errors.length > 0) this.error(`custom functions metadata: ${result.errors.join('; ')}`);
      this.emitFile({ type: 'asset', fileName: 'functions.json', source: result.metadataJson });
    },
  };
}

/** iconv-lite's single-byte code tables, every code page it knows (about 32 KB). */
const SBCS_TABLES = 'iconv-lite/encodings/sbcs-data-generated.js';
const SBCS_KEPT = '\0samplan-single-byte-tables';

/**
 * The raw-byte personnummer net runs in the pane too and reads iconv-lite's single-byte code
 * tables (`shared/validate/raw-scan-readings.ts`), whose file holds every code page iconv-lite
 * knows: the pane's bundle gets, in its place, a module of the tables the net reads
 * (`SINGLE_BYTE_ENCODINGS`), copied from that file at build. An encoding it lacks fails the build.
 */
export function singleByteTables(): Plugin {
  return {
    name: 'samplan-single-byte-tables',
    enforce: 'pre',
    resolveId(source) {
      return source === SBCS_TABLES ? SBCS_KEPT : null;
    },
    load(id) {
      if (id !== SBCS_KEPT) return null;
      const tables = createRequire(import.meta.url)(SBCS_TABLES) as Record<string, unknown>;
      const kept: Record<string, unknown> = {};
      for (const name of SINGLE_BYTE_ENCODINGS) {
        if (typeof tables[name] !== 'object') this.error(`iconv-lite has no single-byte table ${name}`);
        kept[name] = tables[name];
      }
      return `export default ${JSON.stringify(kept)};`;
    },
  };
}

/**
 * Rollup warns (`INVALID_ANNOTATION`) about `@__PURE__` comments zod places where it cannot use
 * them, and drops them: harmless, but two alarming paragraphs in every build. Only that warning,
 * only for zod's files, is silenced; every other warning is printed as before.
 */
export function onRollupWarning(warning: Rollup.RollupLog, warn: Rollup.LoggingFunction): void {
  if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
  warn(warning);
}

export default defineConfig({
  root,
  base: '/addin/',
  publicDir: resolve(root, 'taskpane/public'),
  plugins: [singleByteTables(), flattenTaskpane(), customFunctionsMetadata()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/addin'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn: onRollupWarning,
      input: {
        taskpane: resolve(root, 'taskpane/taskpane.html'),
        commands: resolve(root, 'taskpane/commands.html'),
        playground: resolve(root, 'playground/index.html'),
        functions: resolve(root, 'functions/register.ts'),
      },
      output: {
        // The manifest names the custom functions' script by a fixed URL (`/addin/functions.js`).
        entryFileNames: (chunk) => (chunk.name === 'functions' ? 'functions.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  esbuild: {
    // Lit's decorators as the project's tsconfig compiles them.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
});
