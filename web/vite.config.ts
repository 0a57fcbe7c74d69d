import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const root = import.meta.dirname;
// Where `npm run dev` forwards API and hub calls (the ASP.NET server).
const apiTarget = process.env.REMOTE_SUPPORT_API ?? 'http://localhost:5000';

export default defineConfig({
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Never inline assets as data: URLs: everything is served from our origin under a strict CSP.
    assetsInlineLimit: 0,
    target: 'es2020',
    rollupOptions: {
      input: {
        portal: resolve(root, 'index.html'),
        glass: resolve(root, 'glass/index.html'),
        join: resolve(root, 'join/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/hubs': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
