/**
 * grpcio, Python's stock gRPC library (C core, from Debian's python3-grpcio), as a client nobody
 * here wrote: python/grpcio_call.py makes one call with bytes this side serialized and reports
 * each response's bytes and the call's end. `.ci/run` installs it; where it is missing,
 * grpcioMissing says how to get it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../python/grpcio_call.py", import.meta.url));
/** Debian's python3 is the one its python3-grpcio installs into, whatever else is on PATH. */
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** grpcioMissing is undefined when grpcio imports, else what to install. */
export function grpcioMissing(): string | undefined {
  try {
    execFileSync(PYTHON, ["-c", "import grpc"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "grpcio is not installed for Debian's python3: sudo apt-get install -y python3-grpcio";
  }
}

/** GrpcioCall is one call's options: the method path, the serialized request, and how to end it. */
export interface GrpcioCall {
  /** target is host:port, cleartext HTTP/2. */
  readonly target: string;
  /** method is `/package.Service/Method`. */
  readonly method: string;
  readonly request: Uint8Array;
  readonly stream?: boolean;
  readonly timeoutSeconds?: number;
  /** cancelAfter cancels a stream after this many responses. */
  readonly cancelAfter?: number;
  readonly token?: string;
}

/** GrpcioResult is what grpcio saw: each response's bytes and the status the call ended with (grpc.StatusCode's name). */
export interface GrpcioResult {
  readonly messages: Uint8Array[];
  readonly code: string;
  readonly details: string;
}

/** grpcioCall runs the call in a Python process and resolves when it ends; the process is killed after 30 s. */
export function grpcioCall(call: GrpcioCall): Promise<GrpcioResult> {
  const args = [SCRIPT, "--target", call.target, "--method", call.method, "--request", Buffer.from(call.request).toString("hex")];
  if (call.stream) args.push("--stream");
  if (call.timeoutSeconds !== undefined) args.push("--timeout", String(call.timeoutSeconds));
  if (call.cancelAfter !== undefined) args.push("--cancel-after", String(call.cancelAfter));
  if (call.token !== undefined) args.push("--token", call.token);
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exit) => {
      const lines = stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { message?: string; code?: string; details?: string });
      const end = lines.at(-1);
      if (exit !== 0 || end?.code === undefined) {
        reject(new Error(`grpcio_call.py exited ${exit}: ${stderr.slice(-2_000)}`));
        return;
      }
      const messages = lines.flatMap((line) => (line.message === undefined ? [] : [Uint8Array.from(Buffer.from(line.message, "hex"))]));
      resolve({ messages, code: end.code, details: end.details ?? "" });
    });
  });
}
