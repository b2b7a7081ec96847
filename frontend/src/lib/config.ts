/** AppConfig is what the page needs to know before it renders, read once at start. */
export interface AppConfig {
  /** apiBaseUrl is where PriceService lives, without a trailing slash, e.g. "http://localhost:3000". */
  readonly apiBaseUrl: string;
}

/** ConfigError says which setting is wrong; the page refuses to start with it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The build-time variables this app reads; Vite inlines `import.meta.env.VITE_*`. */
export interface AppEnv {
  readonly VITE_API_BASE_URL?: string | undefined;
}

/**
 * parseConfig reads the app's settings. The API defaults to the page's own origin: the backend
 * serves the page next to the API, and the dev server proxies the API path, so no CORS is needed.
 * `VITE_API_BASE_URL` overrides it.
 * @throws ConfigError when `VITE_API_BASE_URL` is set but is not an http(s) URL.
 */
export function parseConfig(env: AppEnv, origin: string): AppConfig {
  const raw = env.VITE_API_BASE_URL?.trim() || origin;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`VITE_API_BASE_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`VITE_API_BASE_URL must use http or https, got "${raw}"`);
  }
  return { apiBaseUrl: url.href.replace(/\/+$/, "") };
}
