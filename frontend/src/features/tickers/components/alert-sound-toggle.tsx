import { useSyncExternalStore } from "react";
import { useAlertSound } from "../hooks/ticker-store-context.js";
import "./alert-sound.css";

/** AlertSoundToggle turns the beep on fired alerts on and off; the choice is remembered. */
export function AlertSoundToggle() {
  const sound = useAlertSound();
  const on = useSyncExternalStore(sound.subscribe, sound.isOn);
  return (
    <button type="button" className="alert-sound-toggle" aria-pressed={on} onClick={() => sound.setOn(!on)}>
      Alert sound
    </button>
  );
}
