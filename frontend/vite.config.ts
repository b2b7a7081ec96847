import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API's path prefix: every PriceService call is POST /cryptostream.v1.PriceService/{Method}. */
const API_PATH = "/cryptostream.v1.PriceService/";
/** Where `npm start` serves the backend; the dev server forwards API calls there. */
const BACKEND = "http://localhost:3000";

// In production the backend serves dist/ next to the API on one origin; in development Vite serves
// the page and forwards the API, so the page always talks to its own origin and needs no CORS.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { port: 5173, strictPort: true, proxy: { [API_PATH]: BACKEND } },
  preview: { port: 4173, proxy: { [API_PATH]: BACKEND } },
});
