/**
 * A server-streaming method as the direct path sees it: its descriptor, and how a parsed request
 * becomes the spec of its stream. The handlers behind Connect build their specs the same way, so a
 * request is checked by one piece of code whichever path serves it.
 */
import type { DescMessage, DescMethodServerStreaming, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import type { StreamSpec } from "./stream-session.js";

/** StreamMethod is one server-streaming method with its spec builder. */
export interface StreamMethod {
  readonly method: DescMethodServerStreaming;
  /**
   * spec checks `request` (a message of `method.input`, as parsed by its serialization) and
   * describes its stream; the head it makes is an init shape of `method.output`.
   * @throws ConnectError when the request is bad.
   */
  spec(request: unknown): Promise<StreamSpec<unknown>>;
}

/** streamMethod pairs `method` with `spec`, checking once that they speak of the same messages. */
export function streamMethod<I extends DescMessage, O extends DescMessage>(
  method: DescMethodServerStreaming<I, O>,
  spec: (request: MessageShape<I>) => Promise<StreamSpec<MessageInitShape<O>>>,
): StreamMethod {
  return {
    method,
    spec: (request) => spec(request as MessageShape<I>),
  };
}
