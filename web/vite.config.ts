// Vite build configuration for the Interlude browser app.
// Output must satisfy the server's strict CSP: no inline scripts or styles,
// so the module-preload polyfill is off and nothing is inlined as data: URLs.
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    reportCompressedSize: false,
  },
  // `npm run dev` only (not used by the server): API calls go to `make run`'s server.
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
