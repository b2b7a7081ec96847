/**
 * Bounds the connections a server holds: per client address and overall. Counted from accept to
 * close, whatever the connection carries (HTTP/1.1 keep-alive, HTTP/2 sessions, or nothing yet),
 * because a connection that never finishes its request costs a socket all the same.
 */

/** ConnectionLimits: both caps; a refusal names the setting that raises it. */
export interface ConnectionLimits {
  /** maxConnectionsPerClient: open connections one client address may hold (MAX_CONNECTIONS_PER_CLIENT). */
  maxConnectionsPerClient: number;
  /** maxConnections: open connections the server holds in all (MAX_CONNECTIONS). */
  maxConnections: number;
}

/** GateRefusal says which cap a connection hit, in words a client can act on. */
export interface GateRefusal {
  limit: "per_client" | "overall";
  message: string;
}

/** ConnectionGate counts open connections; `admit` either takes a slot (release it once) or refuses. */
export class ConnectionGate {
  readonly #byClient = new Map<string, number>();
  #open = 0;

  constructor(private readonly limits: ConnectionLimits) {}

  /**
   * admit takes a slot for a connection from `client`, or returns why not. On success the returned
   * function gives the slot back; calling it more than once gives back nothing more.
   */
  admit(client: string): { release: () => void } | { refusal: GateRefusal } {
    const held = this.#byClient.get(client) ?? 0;
    if (held >= this.limits.maxConnectionsPerClient) {
      return {
        refusal: {
          limit: "per_client",
          message: `this client address already holds ${this.limits.maxConnectionsPerClient} connections; close some or reuse them (the operator can raise MAX_CONNECTIONS_PER_CLIENT)`,
        },
      };
    }
    if (this.#open >= this.limits.maxConnections) {
      return {
        refusal: {
          limit: "overall",
          message: `the server holds its maximum of ${this.limits.maxConnections} connections; retry shortly or use another instance (the operator can raise MAX_CONNECTIONS)`,
        },
      };
    }
    this.#byClient.set(client, held + 1);
    this.#open += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#open -= 1;
        const left = (this.#byClient.get(client) ?? 1) - 1;
        if (left === 0) this.#byClient.delete(client);
        else this.#byClient.set(client, left);
      },
    };
  }

  /** open counts the connections holding a slot now. */
  get open(): number {
    return this.#open;
  }
}
