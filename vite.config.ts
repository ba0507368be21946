/**
 * Builds the add-in's pages from `addin/` into `dist/addin`, served by the server under
 * `/addin/`: `taskpane.html` (the pane Office loads), `playground/index.html` (served at
 * `/playground`) and `functions.js` (the custom functions; `functions.json` is generated beside it). Asset URLs are absolute (`/addin/assets/…`), so a page works from any path.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type Rollup } from 'vite';

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
  plugins: [flattenTaskpane(), customFunctionsMetadata()],
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
