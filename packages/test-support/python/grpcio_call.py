"""One gRPC call with grpcio (Python's stock gRPC library, C core), for tests of the server.

The caller hands the method path and the request already serialized (hex), so no generated code
is needed here: grpcio sends the bytes as they are and hands back each response's bytes. Prints
one JSON line per response ({"message": hex}) and a last line with the call's end
({"code": name, "details": text}). With --cancel-after N it cancels after N responses.
"""
import argparse
import json
import sys

import grpc


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--method", required=True)
    parser.add_argument("--request", default="")
    parser.add_argument("--stream", action="store_true")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--cancel-after", type=int, default=0)
    parser.add_argument("--token", default="")
    args = parser.parse_args()
    request = bytes.fromhex(args.request)
    metadata = [("authorization", f"Bearer {args.token}")] if args.token else None
    with grpc.insecure_channel(args.target) as channel:
        try:
            if args.stream:
                call = channel.unary_stream(args.method)(request, timeout=args.timeout, metadata=metadata)
                seen = 0
                for message in call:
                    print(json.dumps({"message": message.hex()}), flush=True)
                    seen += 1
                    if args.cancel_after and seen >= args.cancel_after:
                        call.cancel()
                        break
                code, details = call.code(), call.details()
            else:
                message = channel.unary_unary(args.method)(request, timeout=args.timeout, metadata=metadata)
                print(json.dumps({"message": message.hex()}), flush=True)
                code, details = grpc.StatusCode.OK, ""
        except grpc.RpcError as error:
            code, details = error.code(), error.details()
    print(json.dumps({"code": code.name, "details": details or ""}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
