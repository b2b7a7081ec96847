import { dayChange } from "../model/day-change.js";

const ARROW = { up: "▲", down: "▼", flat: "" } as const;

/**
 * DayChangeText shows the day's change beside the price, green up, red down, neutral at zero,
 * with an arrow to see and words to hear ("today up 1,234.56, up 1.23 percent"). Nothing when
 * the server sent none. The absolute part has its own span, so a narrow row can leave it out.
 */
export function DayChangeText(props: { change?: string | undefined; changePercent?: string | undefined }) {
  const day = dayChange(props.change, props.changePercent);
  if (day === undefined) return null;
  const arrow = ARROW[day.direction];
  return (
    <p className="ticker-change" data-direction={day.direction}>
      <span aria-hidden="true">
        {arrow !== "" && `${arrow} `}
        {day.absolute !== undefined && (
          <span className="ticker-change-absolute">
            {day.absolute}
            {day.percent !== undefined && " ("}
          </span>
        )}
        {day.percent}
        {day.absolute !== undefined && day.percent !== undefined && <span className="ticker-change-absolute">)</span>}
      </span>
      <span className="visually-hidden">Today {day.spoken}</span>
    </p>
  );
}
