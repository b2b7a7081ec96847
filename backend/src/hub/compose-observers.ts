/** Lets several onlookers (metrics, the activity log) hear one hub. */
import type { HubObserver } from "./hub.js";

/** composeObservers returns one HubObserver that tells each given one, in order; absent ones are skipped. */
export function composeObservers(...observers: (HubObserver | undefined)[]): HubObserver {
  const present = observers.filter((observer) => observer !== undefined);
  return {
    observation: (symbol, observation) => present.forEach((observer) => observer.observation(symbol, observation)),
    state: (symbol, state, detail) => present.forEach((observer) => observer.state(symbol, state, detail)),
    released: (symbol) => present.forEach((observer) => observer.released(symbol)),
  };
}
