export { createBearerInterceptor } from "./api/bearer-interceptor.js";
export { createTokenStorage } from "./api/token-storage.js";
export { createTokenStore, type TokenStore } from "./api/token-store.js";
export { AccessTokenPanel } from "./components/access-token-panel.js";
export { ForgetTokenButton } from "./components/forget-token-button.js";
export { AccessProvider } from "./hooks/access-context.js";
