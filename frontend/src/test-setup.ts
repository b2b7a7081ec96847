import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Testing Library only cleans up by itself when vitest runs with globals; this project does not.
afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});
