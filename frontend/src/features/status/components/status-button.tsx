import "./status.css";

/**
 * StatusButton opens and closes the Status view: one button, its state in `aria-expanded`, the
 * view it controls named by `controls` (the id given to {@link StatusPanel}).
 */
export function StatusButton(props: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="status-toggle"
      aria-expanded={props.open}
      aria-controls={props.controls}
      onClick={props.onToggle}
    >
      Status
    </button>
  );
}
