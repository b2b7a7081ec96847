/**
 * One answer of server reflection, the same for grpc.reflection.v1 and v1alpha (their messages
 * differ only in package): a lookup in the ReflectionSchema, or an error response that leaves the
 * stream open, as the protocol wants.
 */
import { Code } from "@connectrpc/connect";
import type { DescFile } from "@bufbuild/protobuf";
import type { ReflectionSchema } from "./reflection-schema.js";

/** MAX_NAME_LENGTH bounds a file or symbol name a client may ask about. */
export const MAX_NAME_LENGTH = 512;

/** Question is a request's `message_request`, in either version. */
export type Question =
  | { case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices"; value: string }
  | { case: "fileContainingExtension"; value: { containingType: string; extensionNumber: number } }
  | { case: undefined; value?: undefined };

/** Answer is a response's `message_response`, in either version. */
export type Answer =
  | { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: "allExtensionNumbersResponse"; value: { baseTypeName: string; extensionNumber: number[] } }
  | { case: "listServicesResponse"; value: { service: { name: string }[] } }
  | { case: "errorResponse"; value: { errorCode: number; errorMessage: string } };

/** answer looks `question` up in `schema`; `sent` holds the files this stream already sent. Never throws. */
export function answer(schema: ReflectionSchema, question: Question, sent: Set<DescFile>): Answer {
  if (question.case === undefined) return error(Code.InvalidArgument, "the request asks nothing: set one of its message_request fields");
  if (question.case === "listServices") {
    return { case: "listServicesResponse", value: { service: schema.services.map((name) => ({ name })) } };
  }
  const name = question.case === "fileContainingExtension" ? question.value.containingType : question.value;
  if (name.length > MAX_NAME_LENGTH) return error(Code.InvalidArgument, `the name asked about is longer than ${MAX_NAME_LENGTH} characters`);
  switch (question.case) {
    case "fileByFilename": {
      const file = schema.fileByName(name);
      return file ? files(schema, file, sent) : error(Code.NotFound, `this server describes no file of that name; list_services names what it serves`);
    }
    case "fileContainingSymbol": {
      const file = schema.fileWithSymbol(name);
      return file ? files(schema, file, sent) : error(Code.NotFound, `this server describes no symbol of that name; list_services names what it serves`);
    }
    case "allExtensionNumbersOfType":
      // None of the files served declares an extension.
      return schema.fileWithSymbol(name)
        ? { case: "allExtensionNumbersResponse", value: { baseTypeName: name, extensionNumber: [] } }
        : error(Code.NotFound, "this server describes no message of that name");
    case "fileContainingExtension":
      return error(Code.NotFound, "none of the files this server describes declares an extension");
  }
}

function files(schema: ReflectionSchema, file: DescFile, sent: Set<DescFile>): Answer {
  return { case: "fileDescriptorResponse", value: { fileDescriptorProto: schema.descriptors(file, sent) } };
}

function error(code: Code, message: string): Answer {
  return { case: "errorResponse", value: { errorCode: code, errorMessage: message } };
}
