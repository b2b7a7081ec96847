/**
 * The alert sound: a short beep made with Web Audio when an alert fires, so nothing is downloaded,
 * and whether it is on, remembered. It is off until the person turns it on: a page that beeps
 * unasked is a page people close. Browsers only let a page make sound after a click on it, which
 * turning it on is; the audio context is made then.
 */
import { createPreference, oneOf } from "../../../lib/preference.js";
import type { Logger } from "../../../lib/log.js";

const KEY = "crypto-stream.alert-sound.v1";

/** AlertSound plays the beep when on, and holds the choice. */
export interface AlertSound {
  /** subscribe registers `listener` for changes of `isOn`. @returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  isOn(): boolean;
  /** setOn turns the sound on or off and remembers it; turning it on plays the beep once, as a sample. */
  setOn(on: boolean): void;
  /** play beeps when the sound is on; else does nothing. Never throws. */
  play(): void;
}

/** Beep is a sine at 880 Hz for 0.2 s, faded out so that it does not click. */
const BEEP = { hz: 880, seconds: 0.2, gain: 0.2 };

/**
 * createAlertSound reads the choice saved in `storage` (localStorage in the app). `audio` makes the
 * audio context, the browser's AudioContext unless given; where there is none the sound is silent.
 * Failures are logged, never thrown: the card, the live region and the notification still say it.
 */
export function createAlertSound(storage: Storage, log: Logger, audio?: () => AudioContext): AlertSound {
  const choice = createPreference<"on" | "off">({
    storage,
    log,
    key: KEY,
    parse: oneOf("on", "off"),
    fallback: () => "off",
  });
  const makeContext = audio ?? (typeof AudioContext === "undefined" ? undefined : () => new AudioContext());
  let context: AudioContext | undefined;

  function beep(): void {
    try {
      context ??= makeContext?.();
      if (context === undefined) return;
      if (context.state === "suspended") void context.resume();
      const start = context.currentTime;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = BEEP.hz;
      gain.gain.setValueAtTime(BEEP.gain, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + BEEP.seconds);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + BEEP.seconds);
    } catch (err) {
      log.warn(`cannot play the alert sound: ${String(err)}`);
    }
  }

  const isOn = () => choice.get() === "on";
  return {
    subscribe: choice.subscribe,
    isOn,
    setOn(next) {
      if (next === isOn()) return;
      choice.set(next ? "on" : "off");
      if (next) beep();
    },
    play() {
      if (isOn()) beep();
    },
  };
}
