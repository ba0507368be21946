/**
 * Builds the add-in's pages from `addin/` into `dist/addin`, served by the server under
 * `/addin/`: `taskpane.html` (the pane Office loads) and `playground/index.html` (served at
 * `/playground`). Asset URLs are absolute (`/addin/assets/…`), so a page works from any path.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root,
  base: '/addin/',
  publicDir: resolve(root, 'taskpane/public'),
  plugins: [flattenTaskpane()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/addin'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        taskpane: resolve(root, 'taskpane/taskpane.html'),
        commands: resolve(root, 'taskpane/commands.html'),
        playground: resolve(root, 'playground/index.html'),
      },
    },
  },
  esbuild: {
    // Lit's decorators as the project's tsconfig compiles them.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
});
