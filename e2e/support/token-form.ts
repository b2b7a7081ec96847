/**
 * The web grid's access token form and storage, as a person and the browser see them (see
 * frontend/src/features/access): read through roles and labels.
 */
import type { Locator, Page } from "playwright";

/** TOKEN_KEY is where the page keeps the token (token-storage.ts). */
const TOKEN_KEY = "crypto-stream.access-token.v1";

/** TokenForm is the form the grid shows when the server needs a token. */
export interface TokenForm {
  /** region is the form's section, named by its heading. */
  readonly region: Locator;
  readonly input: Locator;
  readonly remember: Locator;
  /** message is the inline message under the input: a refusal, or why the input is not a token. */
  readonly message: Locator;
  /** forget is the header's "Forget token" button, shown while a token is in use. */
  readonly forget: Locator;
  /** give types `token`, ticks Remember when asked, and submits. */
  give(token: string, options?: { remember?: boolean }): Promise<void>;
}

/** tokenForm finds the form on `page`. */
export function tokenForm(page: Page): TokenForm {
  const region = page.getByRole("region", { name: "This server needs an access token" });
  const input = region.getByLabel("Access token", { exact: true });
  const remember = region.getByRole("checkbox", { name: "Remember on this device" });
  return {
    region,
    input,
    remember,
    message: region.locator(".token-message"),
    forget: page.getByRole("button", { name: "Forget token", exact: true }),
    async give(token, options = {}) {
      if (options.remember) await remember.check();
      await input.fill(token);
      await region.getByRole("button", { name: "Use token" }).click();
    },
  };
}

/** storedToken is the token the page keeps in each storage, or null. */
export function storedToken(page: Page): Promise<{ session: string | null; local: string | null }> {
  return page.evaluate(
    (key) => ({ session: sessionStorage.getItem(key), local: localStorage.getItem(key) }),
    TOKEN_KEY,
  );
}
