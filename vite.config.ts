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
 * manifest and the server expect the pane at `/addin/taskpane.html`, so move it up one level.
 * Its asset URLs are absolute and do not change.
 */
function flattenTaskpane(): Plugin {
  return {
    name: 'samplan-flatten-taskpane',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['taskpane/taskpane.html'];
      if (!page) return;
      delete bundle['taskpane/taskpane.html'];
      page.fileName = 'taskpane.html';
      bundle['taskpane.html'] = page;
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
        playground: resolve(root, 'playground/index.html'),
      },
    },
  },
  esbuild: {
    // Lit's decorators as the project's tsconfig compiles them.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
});
