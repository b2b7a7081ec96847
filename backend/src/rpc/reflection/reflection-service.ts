/**
 * gRPC server reflection, `grpc.reflection.v1.ServerReflection` and the older
 * `grpc.reflection.v1alpha` that many tools still ask first, so that grpcurl and `buf curl` work
 * without .proto files. It describes only what the router serves (our services, health and
 * reflection) and the files they import. It sits behind the API token like every other service.
 *
 * ServerReflectionInfo is a bidirectional stream, so it needs HTTP/2 (or Connect's half-duplex
 * HTTP/1.1, where a client sends all its requests first). What one stream may ask is bounded: each
 * request by the router's read limit, their number by MAX_REQUESTS_PER_STREAM; and the stream
 * takes a slot of its client's stream cap.
 */
import type { DescFile } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { ServerReflection as ReflectionV1 } from "@crypto-stream/gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ReflectionV1alpha } from "@crypto-stream/gen/grpc/reflection/v1alpha/reflection_pb.js";
import type { Logger } from "../../log.js";
import { clientKey } from "../connect/client-context.js";
import { releaseOnAbort, throwIfShuttingDown } from "../connect/stream-end.js";
import type { ClientStreamLimits } from "../engine/stream-limits.js";
import { withErrors } from "../errors.js";
import { answer, type Answer, type Question } from "./reflection-answer.js";
import { ReflectionSchema } from "./reflection-schema.js";

/** MAX_REQUESTS_PER_STREAM bounds one stream's questions; a tool asks a handful per command. */
export const MAX_REQUESTS_PER_STREAM = 256;

/** ReflectionOptions: the client stream cap reflection streams count toward. Nothing to close. */
export interface ReflectionOptions {
  limits: ClientStreamLimits;
  logger: Logger;
}

/** A request of either version, as the shared code reads it. */
interface Request {
  readonly host: string;
  readonly messageRequest: Question;
}

/**
 * answerAll answers each request of one stream in order, ending the stream RESOURCE_EXHAUSTED
 * after MAX_REQUESTS_PER_STREAM and UNAVAILABLE on a planned shutdown.
 */
async function* answerAll<R extends Request>(
  requests: AsyncIterable<R>,
  context: HandlerContext,
  schema: () => ReflectionSchema,
  options: ReflectionOptions,
): AsyncGenerator<{ validHost: string; originalRequest: R; messageResponse: Answer }> {
  const release = await withErrors(options.logger, () => options.limits.acquire(context.values.get(clientKey)));
  const done = releaseOnAbort(context, release);
  try {
    const sent = new Set<DescFile>();
    let count = 0;
    for await (const request of requests) {
      if (++count > MAX_REQUESTS_PER_STREAM) {
        throw new ConnectError(`one reflection stream may ask at most ${MAX_REQUESTS_PER_STREAM} questions: open a new stream`, Code.ResourceExhausted);
      }
      yield { validHost: request.host, originalRequest: request, messageResponse: answer(schema(), request.messageRequest, sent) };
    }
    throwIfShuttingDown(context);
  } finally {
    done();
  }
}

/**
 * createReflectionRoutes registers both reflection services on a Connect router. What they
 * describe is read from the router at the first request, so services registered after them are
 * described too.
 */
export function createReflectionRoutes(options: ReflectionOptions): (router: ConnectRouter) => void {
  return (router) => {
    let built: ReflectionSchema | undefined;
    const schema = () => (built ??= new ReflectionSchema(router.handlers.map((handler) => handler.service)));
    router.service(ReflectionV1, { serverReflectionInfo: (requests, context) => answerAll(requests, context, schema, options) });
    router.service(ReflectionV1alpha, { serverReflectionInfo: (requests, context) => answerAll(requests, context, schema, options) });
  };
}
