/**
 * What a SymbolSlot borrows from its cluster source, which owns all of it.
 *
 * @internal
 */
import type { PriceSource } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { RedisLink } from "./redis-link.js";
import type { Scripts } from "./scripts.js";

/** SlotDeps is shared by every slot of one cluster source. */
export interface SlotDeps {
  readonly link: RedisLink;
  readonly scripts: Scripts;
  readonly local: PriceSource;
  readonly instanceId: string;
  /** member is this process's entry in interest sets: unique even if two share an instance id. */
  readonly member: string;
  readonly leaseTtlMs: number;
  readonly interestTtlMs: number;
  readonly logger: Logger;
}
