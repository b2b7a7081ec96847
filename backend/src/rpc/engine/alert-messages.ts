/**
 * Alerts between the wire and alerts/: a client's Alert message becomes an AlertInput to check,
 * a checked spec becomes the Alert the server answers with, and a hub alert event becomes the
 * AlertTriggered a Watch stream carries.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  CrossDirection,
  MoveDirection,
  type Alert,
  type AlertSchema,
  type AlertTriggeredSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { AlertInput, AlertSpec } from "../../alerts/index.js";
import type { AlertEvent, QuoteEvent } from "../../hub/events.js";

const CROSS = { [CrossDirection.ABOVE]: "above", [CrossDirection.BELOW]: "below" } as const;
const MOVE = { [MoveDirection.UP]: "up", [MoveDirection.DOWN]: "down", [MoveDirection.EITHER]: "either" } as const;

/** alertInputOf reads `alert` as sent, on `symbol` (already normalised); unknown enum values read as unspecified. */
export function alertInputOf(alert: Alert, symbol: string): AlertInput {
  const { condition } = alert;
  const base = { symbol, repeat: alert.repeat, cooldownSeconds: alert.cooldownSeconds };
  if (condition.case === "cross") {
    const direction = CROSS[condition.value.direction as keyof typeof CROSS] as "above" | "below" | undefined;
    return { ...base, condition: { kind: "cross", direction, level: condition.value.level } };
  }
  if (condition.case === "move") {
    const direction = MOVE[condition.value.direction as keyof typeof MOVE] as "up" | "down" | "either" | undefined;
    return { ...base, condition: { kind: "move", direction, percent: condition.value.percent, windowMinutes: condition.value.windowMinutes } };
  }
  return { ...base, condition: undefined };
}

/** alertMessage is the Alert for a checked spec. */
export function alertMessage(spec: AlertSpec): MessageInitShape<typeof AlertSchema> {
  const { condition } = spec;
  const base = { symbol: spec.symbol, repeat: spec.repeat, cooldownSeconds: spec.cooldownSeconds };
  if (condition.kind === "cross") {
    const direction = condition.direction === "above" ? CrossDirection.ABOVE : CrossDirection.BELOW;
    return { ...base, condition: { case: "cross", value: { direction, level: condition.level } } };
  }
  const direction = { up: MoveDirection.UP, down: MoveDirection.DOWN, either: MoveDirection.EITHER }[condition.direction];
  return { ...base, condition: { case: "move", value: { direction, percent: condition.percent, windowMinutes: condition.windowMinutes } } };
}

/** alertTriggeredMessage is the AlertTriggered for a hub alert event; `quote` makes its Quote. */
export function alertTriggeredMessage(
  event: AlertEvent,
  quote: (event: QuoteEvent) => NonNullable<MessageInitShape<typeof AlertTriggeredSchema>["quote"]>,
): MessageInitShape<typeof AlertTriggeredSchema> {
  return {
    alertId: event.alertId,
    symbol: event.symbol,
    alert: alertMessage(event.alert),
    quote: quote(event.quote),
    referencePrice: event.reference ?? "",
  };
}
