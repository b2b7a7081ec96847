import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import { AppProviders } from "./app/providers.js";
import { parseConfig } from "./lib/config.js";
import { createAppTransport } from "./lib/transport.js";

// The only module with side effects: read the config once, make the one transport, render.
const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
const config = parseConfig(import.meta.env, window.location.origin);
const transport = createAppTransport(config);

createRoot(root).render(
  <StrictMode>
    <AppProviders transport={transport}>
      <App />
    </AppProviders>
  </StrictMode>,
);
