/**
 * @grpc/grpc-js, the stock gRPC library for Node, as a client nobody here wrote: unary and server
 * streaming calls over HTTP/2, with messages encoded by the generated schemas. Errors come back as
 * data (the gRPC status code, which is the Connect code's number, and the message).
 */
import { create, fromBinary, toBinary, type DescMethodServerStreaming, type DescMethodUnary, type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { Client, credentials, Metadata, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";

/** GrpcOutcome is a call's result, or how it failed. */
export type GrpcOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number; readonly details: string };

/** createGrpcClient connects to `address` (`host:port`) in cleartext. Call `close()` when done. */
export function createGrpcClient(address: string): Client {
  return new Client(address, credentials.createInsecure());
}

function path(method: { parent: { typeName: string }; name: string }): string {
  return `/${method.parent.typeName}/${method.name}`;
}

function codec<I extends DescMessage, O extends DescMessage>(input: I, output: O) {
  return {
    serialize: (message: MessageShape<I>) => Buffer.from(toBinary(input, message)),
    deserialize: (bytes: Buffer) => fromBinary(output, bytes),
  };
}

function metadataOf(headers: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
  return metadata;
}

/** grpcUnary calls a unary method; never rejects for a failed call. `deadlineMs` bounds it when given. */
export function grpcUnary<I extends DescMessage, O extends DescMessage>(
  client: Client,
  method: DescMethodUnary<I, O>,
  input: MessageInitShape<I>,
  options: { headers?: Record<string, string>; deadlineMs?: number } = {},
): Promise<GrpcOutcome<MessageShape<O>>> {
  const { serialize, deserialize } = codec(method.input, method.output);
  const callOptions = options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs };
  return new Promise((resolve) => {
    client.makeUnaryRequest(path(method), serialize, deserialize, create(method.input, input), metadataOf(options.headers ?? {}), callOptions, (error: ServiceError | null, value?: MessageShape<O>) => {
      if (error) resolve({ ok: false, code: error.code, details: error.details });
      else resolve({ ok: true, value: value! });
    });
  });
}

/** GrpcStream is an open server stream: its messages so far, how it ended, and a way to cancel it. */
export interface GrpcStream<T> {
  readonly messages: T[];
  /** ended resolves with the final status: code 0 for OK, 1 (CANCELLED) after `cancel()`. */
  readonly ended: Promise<{ code: number; details: string }>;
  cancel(): void;
  readonly call: ClientReadableStream<T>;
}

/** grpcServerStream opens a server stream and collects its messages as they come. */
export function grpcServerStream<I extends DescMessage, O extends DescMessage>(
  client: Client,
  method: DescMethodServerStreaming<I, O>,
  input: MessageInitShape<I>,
  options: { headers?: Record<string, string> } = {},
): GrpcStream<MessageShape<O>> {
  const { serialize, deserialize } = codec(method.input, method.output);
  const call = client.makeServerStreamRequest(path(method), serialize, deserialize, create(method.input, input), metadataOf(options.headers ?? {}));
  const messages: MessageShape<O>[] = [];
  call.on("data", (message: MessageShape<O>) => messages.push(message));
  // Errors arrive as "error" and again as "status"; the status alone says how the call ended.
  call.on("error", () => {});
  const ended = new Promise<{ code: number; details: string }>((resolve) => {
    call.on("status", (status: { code: number; details: string }) => resolve({ code: status.code, details: status.details }));
  });
  return { messages, ended, cancel: () => call.cancel(), call };
}
