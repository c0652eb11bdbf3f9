/**
 * The renderer's build: root renderer/, output dist/renderer/ (what browser mode serves and Electron loads through
 * app://), relative asset paths, Monaco's workers as separate files (the CSP allows worker-src 'self', not blob:).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es' },
});
