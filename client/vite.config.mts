import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));

// The built page is served under a strict CSP (script-src 'self'; style-src 'self'):
// everything must be emitted as external files, never inlined into index.html.
export default defineConfig({
  root: clientRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Never inline assets as data: URIs for scripts/styles; keep everything same-origin files.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
});
