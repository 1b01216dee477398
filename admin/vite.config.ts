/**
 * The console's build. `npm run build:admin` writes admin/dist; `vite --config
 * admin/vite.config.ts` serves it with the API (npm start, port 4000) behind a proxy.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { buildSchema, introspectionFromSchema } from "graphql";
import { defineConfig, type Plugin } from "vite";
import { typeDefs } from "../graphql/typeDefs.js";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.REGULARS_API_URL ?? "http://localhost:4000";

/**
 * The schema the data provider reads, worked out at build time: introspection.ts
 * becomes its result (without descriptions, which the console never reads), so the
 * browser carries neither the SDL nor graphql-js's schema builder. Without this
 * plugin (tests) the module computes the same thing at run time.
 */
function introspectionAtBuild(): Plugin {
  return {
    name: "regulars-introspection",
    transform(_code, id) {
      if (!id.replace(/\\/g, "/").endsWith("admin/src/dataProvider/introspection.ts")) return undefined;
      const schema = introspectionFromSchema(buildSchema(typeDefs.join("\n"))).__schema;
      const json = JSON.stringify(schema, (key, value) => (key === "description" ? undefined : value));
      return { code: `export const introspectedSchema = JSON.parse(${JSON.stringify(json)});\n`, map: null };
    },
  };
}

export default defineConfig({
  root,
  base: "/",
  plugins: [react(), introspectionAtBuild()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // react-admin and MUI make one large vendor chunk; it is cached immutably.
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries the first screen needs (sign-in, the member list) in one chunk: one request that
            // compresses better than dozens of small preloaded files. `$initial` keeps out what only pages loaded
            // later (React.lazy) use — English, the QR code, the forms' inputs: those come with their pages.
            { name: "vendor", test: /[\\/]node_modules[\\/]/, tags: ["$initial"] },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/graphql": api,
      "/auth": api,
      "/config.json": api,
    },
  },
});
