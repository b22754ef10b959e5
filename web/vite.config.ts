import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:web` runs from the repository root with `--config web/vite.config.ts`; Vite takes
// the working directory as root unless told otherwise, so the root is pinned to this folder.
const root = fileURLToPath(new URL('.', import.meta.url));

// During `vite dev` the API runs separately (`npm start`, port 3000 by default).
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    // The server serves web/dist at `/` with an SPA fallback (see src/server.ts).
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy: { '/api': apiTarget } },
  preview: { proxy: { '/api': apiTarget } },
});
