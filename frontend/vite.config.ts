import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The API's paths: every RPC is POST (or a Connect GET) /{package}.{Service}/{Method}. Ours are
 * `cryptostream.v1.*` (PriceService, StatusService and any service added beside them); the
 * standard gRPC ones (health, reflection) are `grpc.*`.
 */
const API_PATHS = "^/(cryptostream\\.v1|grpc)\\.[A-Za-z0-9_.]+/";
/**
 * Where the running server is: `npm start` or `./run.sh` serve on port 3000. `BACKEND_URL`
 * points the dev server elsewhere (another PORT, another machine).
 */
const BACKEND = process.env.BACKEND_URL ?? "http://localhost:3000";

// In production the backend serves dist/ next to the API on one origin; in development Vite serves
// the page and forwards the API. The proxy keeps the Host header (Vite's string shorthand would
// rewrite it to the backend's), so the server sees a call from the page's own origin and needs no
// CORS or ALLOWED_ORIGINS entry.
const proxy = { [API_PATHS]: { target: BACKEND, changeOrigin: false } };

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
});
