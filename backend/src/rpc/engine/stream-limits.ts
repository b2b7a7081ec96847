/**
 * Per-client stream counting: one client cannot hold every stream the server can serve. One
 * instance serves every streaming service of a server, so all of a client's streams count.
 */
import { RequestLimitError } from "../errors.js";

export class ClientStreamLimits {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxPerClient: number) {}

  /**
   * acquire counts one more stream for `client` and returns its release (idempotent).
   * @throws RequestLimitError when the client already holds its maximum.
   */
  acquire(client: string): () => void {
    this.take(client);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.free(client);
    };
  }

  /**
   * take is acquire without the release closure, for a holder that frees its slot once by itself
   * (a stream session: one closure less per open stream). Pair each take with one `free`.
   * @throws RequestLimitError when the client already holds its maximum.
   */
  take(client: string): void {
    const count = this.open.get(client) ?? 0;
    if (count >= this.maxPerClient) {
      throw new RequestLimitError(
        `this client already holds ${count} open streams, the most one client may; ` +
          "close some, or watch many symbols on one Watch stream",
        "MAX_STREAMS_PER_CLIENT",
      );
    }
    this.open.set(client, count + 1);
    this.total++;
  }

  /** free gives back one slot `take` counted for `client`. */
  free(client: string): void {
    this.total--;
    const left = (this.open.get(client) ?? 1) - 1;
    if (left <= 0) this.open.delete(client);
    else this.open.set(client, left);
  }

  /** openStreams counts the streams held now, across clients. */
  openStreams(): number {
    return this.total;
  }

  /** clients counts the distinct clients holding at least one stream now. */
  clients(): number {
    return this.open.size;
  }
}
