import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative asset paths, so the same
// files load from file:// in Electron and from browser mode's loopback server.
export default defineConfig({
  root: 'renderer',
  base: './',
  // The favicon and the window's icon, generated from resources/icon.svg (npm run icons), copied as they are.
  publicDir: '../resources/web',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
