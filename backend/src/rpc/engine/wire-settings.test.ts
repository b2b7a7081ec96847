import { gunzipSync } from "node:zlib";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";
import { describe, expect, it } from "vitest";
import { createWireSettings, wireSettings } from "./wire-settings.js";

describe("wire settings", () => {
  it("when a compression is offered without a frame compressor, then building the settings throws, naming it", () => {
    expect(() => createWireSettings([compressionGzip, compressionBrotli], { gzip: (data) => data })).toThrow(/compression br is offered without a frame compressor/);
  });

  it("when the server's settings are read, then every offered compression has a frame compressor that compresses", () => {
    expect(wireSettings.compressions.map((c) => c.name)).toEqual(["gzip", "br"]);
    const data = new TextEncoder().encode("x".repeat(2_000));
    expect(gunzipSync(wireSettings.compressorOf("gzip")!(data)).toString()).toBe("x".repeat(2_000));
    expect(wireSettings.compressorOf("br")!(data).byteLength).toBeLessThan(data.byteLength);
    expect(wireSettings.compressorOf("zstd")).toBeUndefined();
  });
});
