import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import { AppProviders } from "./app/providers.js";
import { createBearerInterceptor, createTokenStorage, createTokenStore } from "./features/access/index.js";
import { parseConfig } from "./lib/config.js";
import { consoleLogger } from "./lib/log.js";
import { createAppTransport } from "./lib/transport.js";

// The only module with side effects: read the config once, make the token store and the one
// transport that reads it, render. Both live as long as the page: nothing closes them.
const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
const config = parseConfig(import.meta.env, window.location.origin);
const storage = createTokenStorage({ session: sessionStorage, local: localStorage }, consoleLogger);
const tokens = createTokenStore({ storage, log: consoleLogger });
const transport = createAppTransport(config, [createBearerInterceptor(tokens)]);

createRoot(root).render(
  <StrictMode>
    <AppProviders transport={transport} tokens={tokens}>
      <App />
    </AppProviders>
  </StrictMode>,
);
