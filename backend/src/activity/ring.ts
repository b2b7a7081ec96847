/** A fixed-size ring: keeps the newest `capacity` items, dropping the oldest. */

/** Ring holds at most `capacity` items; memory never grows past it. */
export interface Ring<T> {
  /** push adds `item` as the newest, dropping the oldest when full. */
  push(item: T): void;
  /** size is how many items it holds now. */
  readonly size: number;
  /** at returns the item at `index`, 0 being the oldest; undefined outside 0..size-1. */
  at(index: number): T | undefined;
  /** toArray copies the items, oldest first. */
  toArray(): T[];
}

/** createRing makes an empty ring. @throws RangeError when `capacity` is not a positive integer. */
export function createRing<T>(capacity: number): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
  const slots: (T | undefined)[] = new Array<T | undefined>(capacity);
  let start = 0; // index of the oldest item in `slots`
  let size = 0;
  const at = (index: number): T | undefined =>
    Number.isInteger(index) && index >= 0 && index < size ? slots[(start + index) % capacity] : undefined;
  return {
    push(item) {
      if (size < capacity) {
        slots[(start + size) % capacity] = item;
        size++;
        return;
      }
      slots[start] = item;
      start = (start + 1) % capacity;
    },
    get size() {
      return size;
    },
    at,
    toArray: () => Array.from({ length: size }, (_, index) => at(index) as T),
  };
}
