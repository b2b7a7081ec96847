import { act, render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createTokenStorage, TOKEN_KEY } from "../api/token-storage.js";
import { createTokenStore } from "../api/token-store.js";
import { AccessProvider } from "../hooks/access-context.js";
import { AccessTokenPanel } from "./access-token-panel.js";
import { ForgetTokenButton } from "./forget-token-button.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const TOKEN = "correct-horse-battery-staple";

function renderPanel() {
  const storage = createTokenStorage({ session: sessionStorage, local: localStorage }, quiet);
  const tokens = createTokenStore({ storage, log: quiet });
  onTestFinished(() => tokens.close()); // it follows other tabs until closed
  const view = render(
    <AccessProvider tokens={tokens}>
      <ForgetTokenButton />
      <AccessTokenPanel />
    </AccessProvider>,
  );
  return { tokens, view, user: userEvent.setup() };
}

const tokenInput = () => screen.getByLabelText<HTMLInputElement>("Access token");
const remember = () => screen.getByRole<HTMLInputElement>("checkbox", { name: "Remember on this device" });
const submit = () => screen.getByRole("button", { name: /Use token|Checking/ });
const heading = () => screen.queryByRole("heading", { name: "This server needs an access token" });
const stored = () => ({ session: sessionStorage.getItem(TOKEN_KEY), local: localStorage.getItem(TOKEN_KEY) });

describe("AccessTokenPanel", () => {
  it("when the server has not asked for a token, then nothing shows", () => {
    renderPanel();
    expect(heading()).toBeNull();
    expect(screen.queryByRole("button", { name: "Forget token" })).toBeNull();
  });

  it("when a token is required, then an accessible form asks for it and takes the idle focus", () => {
    const { tokens } = renderPanel();
    act(() => tokens.unauthenticated(undefined));
    expect(heading()).toBeTruthy();
    expect(screen.getByRole("region", { name: "This server needs an access token" })).toBeTruthy();
    expect(tokenInput().type).toBe("password");
    expect(remember().checked).toBe(false);
    expect(submit().textContent).toBe("Use token");
    expect(document.activeElement).toBe(tokenInput());
    expect(screen.getByText("This server needs an access token.")).toBeTruthy(); // the live region
  });

  it("when the input is empty or malformed, then it says why inline and saves nothing", async () => {
    const { tokens, user } = renderPanel();
    act(() => tokens.unauthenticated(undefined));
    await user.click(submit());
    expect(screen.getByText("Enter the access token.")).toBeTruthy();
    expect(tokenInput().getAttribute("aria-invalid")).toBe("true");
    await user.type(tokenInput(), "two words{Enter}");
    expect(screen.getByText(/no spaces/)).toBeTruthy();
    expect(tokens.token()).toBeUndefined();
    expect(stored()).toEqual({ session: null, local: null });
  });

  it("when a token is given without Remember, then it is kept for this tab and the form waits for the answer", async () => {
    const { tokens, user } = renderPanel();
    act(() => tokens.unauthenticated(undefined));
    await user.type(tokenInput(), ` ${TOKEN} {Enter}`);
    expect(stored()).toEqual({ session: TOKEN, local: null });
    expect(tokenInput().value).toBe("");
    expect(submit().textContent).toBe("Checking…");
    expect(submit().getAttribute("aria-disabled")).toBe("true");

    act(() => tokens.answered(TOKEN));
    expect(heading()).toBeNull();
    expect(screen.getByText("Access token accepted.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Forget token" })).toBeTruthy();
  });

  it("when Remember is ticked, then the token is kept on this device instead", async () => {
    const { tokens, user } = renderPanel();
    act(() => tokens.unauthenticated(undefined));
    await user.click(remember());
    await user.type(tokenInput(), TOKEN);
    await user.click(submit());
    expect(stored()).toEqual({ session: null, local: TOKEN });
    expect(tokens.getSnapshot()).toEqual({ status: "checking", remembered: true });
  });

  it("when the token is refused, then the form says so, forgets it and puts focus back in the input", async () => {
    const { tokens, user } = renderPanel();
    act(() => tokens.unauthenticated(undefined));
    await user.type(tokenInput(), "wrong-token-0123456789");
    await user.click(submit());
    expect(document.activeElement).toBe(submit());
    act(() => tokens.unauthenticated("wrong-token-0123456789"));
    expect(screen.getByText("That token was refused.")).toBeTruthy();
    expect(tokenInput().getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(tokenInput());
    expect(stored()).toEqual({ session: null, local: null });
    expect(submit().textContent).toBe("Use token");
  });

  it("when a stored token is refused at load, then the form opens with the refusal", () => {
    localStorage.setItem(TOKEN_KEY, "stale-token-0123456789");
    const { tokens } = renderPanel();
    expect(heading()).toBeNull(); // a stored token is tried before anything is asked
    act(() => tokens.unauthenticated("stale-token-0123456789"));
    expect(heading()).toBeTruthy();
    expect(screen.getByText("That token was refused.")).toBeTruthy();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("when Forget token is pressed, then the token leaves both storages and that is announced", async () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const { tokens, user } = renderPanel();
    act(() => tokens.answered(TOKEN));
    await user.click(screen.getByRole("button", { name: "Forget token" }));
    expect(tokens.token()).toBeUndefined();
    expect(stored()).toEqual({ session: null, local: null });
    expect(screen.queryByRole("button", { name: "Forget token" })).toBeNull();
    expect(screen.getByText("Access token forgotten.")).toBeTruthy();
    // The server, asked again without it, says a token is needed: the form takes the lost focus.
    act(() => tokens.unauthenticated(undefined));
    expect(document.activeElement).toBe(tokenInput());
  });
});
