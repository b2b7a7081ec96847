/**
 * A queue that runs one slot's Redis steps one at a time, so steps never interleave.
 *
 * @internal
 */

/** StepQueueHooks hear a step that failed and the moment the queue runs dry. */
export interface StepQueueHooks {
  /** failed hears a step's error; the queue goes on with the next step. */
  readonly failed: (error: unknown) => void;
  /** idle runs after a step settles when no other step was queued behind it. */
  readonly idle: () => void;
}

/** StepQueue runs steps in the order they were queued, each after the previous one settled. */
export class StepQueue {
  readonly #hooks: StepQueueHooks;
  #tail: Promise<void> = Promise.resolve();

  constructor(hooks: StepQueueHooks) {
    this.#hooks = hooks;
  }

  /** settled resolves once every step queued so far has settled. Never rejects. */
  get settled(): Promise<void> {
    return this.#tail;
  }

  /** run queues `step`; the promise resolves when it has settled (it never rejects). */
  run(step: () => Promise<void>): Promise<void> {
    const next: Promise<void> = this.#tail
      .then(step)
      .catch(this.#hooks.failed)
      .then(() => {
        if (this.#tail === next) this.#hooks.idle();
      });
    this.#tail = next;
    return next;
  }
}
