/**
 * Reads a server-streaming call's one request message off a request body (a node:http request
 * or a raw HTTP/2 stream): the enveloped
 * frames, the read limit (READ_MAX_BYTES in wire-settings.ts), request compression, and the
 * codec, with the codes and messages Connect uses for each fault. Requests are small, so the body is read whole; it is
 * held only until the message is parsed.
 */
import type { Readable } from "node:stream";
import { Code, ConnectError } from "@connectrpc/connect";
import { envelopeDecompress, type Compression, type EnvelopedMessage, type Serialization } from "../engine/connect-internals.js";


/** What reading needs: how to decompress and parse, and which frame flag ends a request. */
export interface RequestReading {
  compression: Compression | null;
  serialization: Pick<Serialization<unknown>, "parse">;
  /** endFlag marks a frame that ends the request without a message (Connect, gRPC-Web). */
  endFlag?: number;
  readMaxBytes: number;
}

/**
 * readRequest resolves with the request message.
 * @throws ConnectError RESOURCE_EXHAUSTED past the limit, INVALID_ARGUMENT for a broken frame or
 * message, UNIMPLEMENTED for none or more than one message, as Connect's own handlers do.
 */
export async function readRequest(req: Readable, reading: RequestReading): Promise<unknown> {
  const frames = await readFrames(req, reading.readMaxBytes);
  const messages = frames.filter((frame) => reading.endFlag === undefined || (frame.flags & reading.endFlag) !== reading.endFlag);
  if (messages.length === 0) {
    throw new ConnectError("protocol error: missing input message for server-streaming method", Code.Unimplemented);
  }
  if (messages.length > 1) {
    throw new ConnectError("protocol error: received extra input message for server-streaming method", Code.Unimplemented);
  }
  const { data } = await envelopeDecompress(messages[0]!, reading.compression, reading.readMaxBytes);
  return reading.serialization.parse(data);
}

/** readFrames splits the body into frames, refusing a frame whose declared size passes `readMaxBytes`. */
function readFrames(req: Readable, readMaxBytes: number): Promise<EnvelopedMessage[]> {
  return new Promise((resolve, reject) => {
    const frames: EnvelopedMessage[] = [];
    let buffer: Buffer = Buffer.alloc(0);
    const stop = (error?: ConnectError) => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      if (!error) return;
      // Leave the rest unread but drained, so the connection stays usable for the answer.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5) {
        const length = buffer.readUInt32BE(1);
        if (length > readMaxBytes) {
          stop(new ConnectError(`message size ${length} is larger than configured readMaxBytes ${readMaxBytes}`, Code.ResourceExhausted));
          return;
        }
        if (buffer.length < 5 + length) return;
        frames.push({ flags: buffer[0]!, data: buffer.subarray(5, 5 + length) });
        buffer = buffer.subarray(5 + length);
        // One message and one end frame at most: a third is refused without reading more.
        if (frames.length > 2) {
          stop(new ConnectError("protocol error: received extra input message for server-streaming method", Code.Unimplemented));
          return;
        }
      }
    };
    const onEnd = () => {
      stop();
      if (buffer.length > 0) reject(new ConnectError("protocol error: incomplete envelope", Code.InvalidArgument));
      else resolve(frames);
    };
    const onGone = () => {
      stop();
      reject(new ConnectError("the client went away before its request arrived", Code.Aborted));
    };
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}
