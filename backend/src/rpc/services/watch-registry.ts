/**
 * Open watches by id. An id is 128 random bits: whoever holds it can change that watch, and
 * nobody can guess another's.
 */
import { randomBytes } from "node:crypto";
import type { WatchAlerts } from "../../alerts/index.js";
import type { Subscriber } from "../../hub/hub.js";
import { WatchNotFoundError } from "../errors.js";

/** OpenWatch is what a watch id names: the watch's subscriber and its alerts, both the stream's. */
export interface OpenWatch {
  readonly subscriber: Subscriber;
  readonly alerts: WatchAlerts;
}

export class WatchRegistry {
  private readonly watches = new Map<string, OpenWatch>();

  /** register stores `watch` under a new id; the caller must `unregister` it when done. */
  register(watch: OpenWatch): string {
    const id = randomBytes(16).toString("base64url");
    this.watches.set(id, watch);
    return id;
  }

  unregister(id: string): void {
    this.watches.delete(id);
  }

  /** @throws WatchNotFoundError when no open watch has `id`. */
  get(id: string): OpenWatch {
    const watch = this.watches.get(id);
    if (!watch) throw new WatchNotFoundError();
    return watch;
  }

  get size(): number {
    return this.watches.size;
  }
}
