import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The production build lands in dist/web, which `assay serve` serves; in development Vite proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
