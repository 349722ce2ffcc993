import { defineConfig } from 'tsup';

// A plain static folder: index.html and style.css (copied from public/), the page's script and the
// Web Worker that lints, each one self-contained IIFE (no imports at run time, no network).
export default defineConfig({
  entry: { main: 'src/main.ts', worker: 'src/worker.ts' },
  format: ['iife'],
  platform: 'browser',
  target: 'es2022',
  outDir: 'dist',
  outExtension: () => ({ js: '.js' }),
  publicDir: 'public',
  noExternal: [/.*/],
  minify: true,
  sourcemap: true,
  clean: true,
  dts: false,
});
