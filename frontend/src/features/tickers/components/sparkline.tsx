import { directionOf } from "../model/day-change.js";
import { compareDecimal } from "../model/decimal.js";
import type { PricePoint } from "../model/price-history.js";
import { sparklineName, sparklineShape } from "../model/sparkline.js";

const WIDTH = 120;
const HEIGHT = 32;

/**
 * Sparkline draws a ticker's recent prices as one polyline, colored by how the window moved, and
 * names itself for screen readers ("Price over the last 12 minutes"). With fewer than two points
 * it keeps its place empty.
 */
export function Sparkline(props: { points: readonly PricePoint[] }) {
  const { points } = props;
  const shape = sparklineShape(points, WIDTH, HEIGHT);
  if (shape === undefined) return <span className="sparkline" aria-hidden="true" />;
  const order = compareDecimal(points.at(-1)?.price ?? "", points[0]?.price ?? "");
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={sparklineName(points)}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      data-trend={directionOf(order)}
    >
      <polyline points={shape.points} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
