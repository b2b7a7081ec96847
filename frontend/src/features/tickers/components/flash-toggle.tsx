import { useFlash } from "../hooks/use-flash.js";
import "./compact.css";

/**
 * FlashToggle turns the price flash on and off; remembered. Off at first for whoever asked their
 * system for reduced motion.
 */
export function FlashToggle() {
  const [flash, setFlash] = useFlash();
  return (
    <button type="button" className="compact-toggle" aria-pressed={flash} onClick={() => setFlash(!flash)}>
      Flash
    </button>
  );
}
