import { useCompactLayout } from "../hooks/use-compact-layout.js";
import "./compact.css";

/** CompactToggle switches the grid between cards and one row per ticker; the choice is remembered. */
export function CompactToggle() {
  const [compact, setCompact] = useCompactLayout();
  return (
    <button type="button" className="compact-toggle" aria-pressed={compact} onClick={() => setCompact(!compact)}>
      Compact
    </button>
  );
}
