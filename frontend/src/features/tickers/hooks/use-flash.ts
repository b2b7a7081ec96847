import { useCallback, useSyncExternalStore } from "react";
import { useFlashPreference } from "./ticker-store-context.js";

/** useFlash is whether a price flashes when it changes, and the function that changes it (remembered). */
export function useFlash(): [flash: boolean, setFlash: (flash: boolean) => void] {
  const preference = useFlashPreference();
  const flash = useSyncExternalStore(preference.subscribe, preference.get) === "on";
  const setFlash = useCallback((next: boolean) => preference.set(next ? "on" : "off"), [preference]);
  return [flash, setFlash];
}
