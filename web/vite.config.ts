import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

// `npm run dev`: Vite with hot reload on :5173, passing API calls to a running `npm start`.
const api = process.env.PITCREW_API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  server: {
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: true }, '/health': api, '/openapi.json': api },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // livekit-client is a chunk of its own (533 kB, 137 kB gzipped), fetched only when a voice call
    // is joined; the app's own chunk stays small.
    chunkSizeWarningLimit: 600,
    // The timing report only says that the machine was busy (npm start builds while Temporal starts).
    rolldownOptions: { checks: { pluginTimings: false } },
  },
})
