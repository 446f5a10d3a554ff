import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In dev the console runs on Vite and talks to the API through this proxy (same origin, so cookies work). */
const apiTarget = process.env.RELAIS_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the console: separate chunks stay cached across releases.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
          if (id.includes('react-router')) return 'router';
          if (id.includes('@tanstack')) return 'query';
          if (id.includes('i18next')) return 'i18n';
          if (id.includes('zod')) return 'zod';
          if (/socket\.io|engine\.io/.test(id)) return 'socket';
          return 'vendor';
        },
      },
    },
  },
});
