/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** VITE_API_BASE_URL overrides where the API is; by default it is the page's own origin. */
  readonly VITE_API_BASE_URL?: string;
}
