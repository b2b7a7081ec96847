/** Test helper: abort signals for the streams a test opens, all aborted at once afterwards. */

/** StreamSignals hands out signals; `abortAll` (in afterEach) ends every stream still open. */
export class StreamSignals {
  readonly #controllers: AbortController[] = [];

  /** next returns a fresh signal for one stream. */
  next(): AbortSignal {
    const controller = new AbortController();
    this.#controllers.push(controller);
    return controller.signal;
  }

  /** abortAll aborts every signal handed out since the last call. */
  abortAll(): void {
    for (const controller of this.#controllers.splice(0)) controller.abort();
  }
}
