import type { Logger } from "../../../lib/log.js";

/** AlertNotifier shows fired alerts outside the page, when the person allowed it. */
export interface AlertNotifier {
  /** ask asks for permission to notify, unless the person already answered. Call from a click. */
  ask(): void;
  /** show shows `text` as a notification when permission was granted, else does nothing. */
  show(text: string): void;
}

/**
 * createBrowserNotifier notifies through the browser's Notification API. Where there is none
 * (an old browser, a test DOM) it does nothing. A failure to notify is logged, never thrown: the
 * card and the live region still say the alert fired.
 */
export function createBrowserNotifier(log: Logger): AlertNotifier {
  const api = typeof Notification === "undefined" ? undefined : Notification;
  return {
    ask() {
      if (api?.permission !== "default") return;
      api.requestPermission().then(
        (answer) => log.info(`notifications ${answer}`),
        (err: unknown) => log.warn(`cannot ask to notify: ${String(err)}`),
      );
    },
    show(text) {
      if (api?.permission !== "granted") return;
      try {
        new api("Crypto Stream", { body: text, tag: text });
      } catch (err) {
        // Some mobile browsers only notify through a service worker; the page has none.
        log.warn(`cannot notify: ${String(err)}`);
      }
    },
  };
}
