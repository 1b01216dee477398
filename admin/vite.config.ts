/**
 * The console's build. `npm run build:admin` writes admin/dist; `vite --config
 * admin/vite.config.ts` serves it with the API (npm start, port 4000) behind a proxy.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.REGULARS_API_URL ?? "http://localhost:4000";

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // react-admin and MUI make one large vendor chunk; it is cached immutably.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      "/graphql": api,
      "/auth": api,
      "/config.json": api,
    },
  },
});
