/**
 * What server reflection may describe: the files that declare the services a router serves, and
 * the files those import, transitively (google/protobuf/timestamp.proto, ...). Nothing else in the
 * process's registry is reachable through it. Built once from the router's services.
 */
import { toBinary, type DescEnum, type DescFile, type DescMessage, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";

/** ReflectionSchema answers reflection's lookups over a closed set of files. */
export class ReflectionSchema {
  /** services are the fully qualified names of the services served, sorted. */
  readonly services: readonly string[];
  readonly #files = new Map<string, DescFile>();
  readonly #symbols = new Map<string, DescFile>();
  readonly #bytes = new Map<DescFile, Uint8Array>();

  constructor(services: readonly DescService[]) {
    this.services = [...new Set(services.map((service) => service.typeName))].sort();
    for (const service of services) this.#addFile(service.file);
  }

  /** fileByName finds a file by its path, e.g. "cryptostream/v1/price_service.proto". */
  fileByName(name: string): DescFile | undefined {
    return this.#files.get(name);
  }

  /** fileWithSymbol finds the file declaring a fully qualified service, method, message, field or enum. */
  fileWithSymbol(name: string): DescFile | undefined {
    return this.#symbols.get(name.startsWith(".") ? name.slice(1) : name);
  }

  /**
   * descriptors is `file` as serialized FileDescriptorProtos, followed by each file it imports,
   * transitively, that is not in `sent`; it adds what it returns to `sent`. A client that asks for
   * a file gets it even when sent before; its imports it gets once per stream.
   */
  descriptors(file: DescFile, sent: Set<DescFile>): Uint8Array[] {
    const out: Uint8Array[] = [];
    const visit = (current: DescFile, asked: boolean) => {
      if (!asked && sent.has(current)) return;
      sent.add(current);
      out.push(this.#serialized(current));
      for (const dependency of current.dependencies) visit(dependency, false);
    };
    visit(file, true);
    return out;
  }

  #serialized(file: DescFile): Uint8Array {
    let bytes = this.#bytes.get(file);
    if (bytes === undefined) this.#bytes.set(file, (bytes = toBinary(FileDescriptorProtoSchema, file.proto)));
    return bytes;
  }

  #addFile(file: DescFile): void {
    const name = `${file.name}.proto`;
    if (this.#files.has(name)) return;
    this.#files.set(name, file);
    for (const service of file.services) {
      this.#symbols.set(service.typeName, file);
      for (const method of service.methods) this.#symbols.set(`${service.typeName}.${method.name}`, file);
    }
    for (const message of file.messages) this.#addMessage(message, file);
    for (const enumeration of file.enums) this.#addEnum(enumeration, file);
    for (const extension of file.extensions) this.#symbols.set(extension.typeName, file);
    for (const dependency of file.dependencies) this.#addFile(dependency);
  }

  #addMessage(message: DescMessage, file: DescFile): void {
    this.#symbols.set(message.typeName, file);
    for (const field of message.fields) this.#symbols.set(`${message.typeName}.${field.name}`, file);
    for (const oneof of message.oneofs) this.#symbols.set(`${message.typeName}.${oneof.name}`, file);
    for (const nested of message.nestedMessages) this.#addMessage(nested, file);
    for (const nested of message.nestedEnums) this.#addEnum(nested, file);
    for (const extension of message.nestedExtensions) this.#symbols.set(extension.typeName, file);
  }

  #addEnum(enumeration: DescEnum, file: DescFile): void {
    this.#symbols.set(enumeration.typeName, file);
    for (const value of enumeration.values) this.#symbols.set(`${enumeration.typeName}.${value.name}`, file);
  }
}
