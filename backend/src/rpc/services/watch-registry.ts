/**
 * Open watches by id. An id is 128 random bits: whoever holds it can change that watch, and
 * nobody can guess another's.
 */
import { randomBytes } from "node:crypto";
import type { Subscriber } from "../../hub/hub.js";
import { WatchNotFoundError } from "../errors.js";

export class WatchRegistry {
  private readonly watches = new Map<string, Subscriber>();

  /** register stores `subscriber` under a new id; the caller must `unregister` it when done. */
  register(subscriber: Subscriber): string {
    const id = randomBytes(16).toString("base64url");
    this.watches.set(id, subscriber);
    return id;
  }

  unregister(id: string): void {
    this.watches.delete(id);
  }

  /** @throws WatchNotFoundError when no open watch has `id`. */
  get(id: string): Subscriber {
    const subscriber = this.watches.get(id);
    if (!subscriber) throw new WatchNotFoundError();
    return subscriber;
  }

  get size(): number {
    return this.watches.size;
  }
}
