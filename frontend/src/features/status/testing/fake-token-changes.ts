/**
 * Test-only: stands in for the access token store's `tokenChanges` hook. `change` tells every
 * listener the token changed; `listening` is how many listen, to check a store let go.
 */
export interface FakeTokenChanges {
  readonly tokenChanges: (listener: () => void) => () => void;
  change(): void;
  listening(): number;
}

/** createFakeTokenChanges makes the stand-in, with no listener yet. */
export function createFakeTokenChanges(): FakeTokenChanges {
  const listeners = new Set<() => void>();
  return {
    tokenChanges(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    change() {
      for (const listener of [...listeners]) listener();
    },
    listening: () => listeners.size,
  };
}
