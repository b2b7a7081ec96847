import { describe, expect, it } from "vitest";
import { createPrivateNetworkRule } from "./private-network.js";

describe("createPrivateNetworkRule", () => {
  const rule = createPrivateNetworkRule("https://www.tradingview.com");

  it("when a URL names loopback, link-local or private space, then it is blocked, in any spelling the URL parser reads", () => {
    for (const url of [
      "http://127.0.0.1:6379/",
      "http://127.1/",
      "http://0x7f.0.0.1/",
      "http://2130706433/",
      "http://0.0.0.0:3000/",
      "http://localhost:3000/status",
      "http://LOCALHOST./",
      "http://api.localhost/",
      "http://10.1.2.3/",
      "http://172.16.0.1/",
      "http://172.31.255.255/",
      "http://192.168.1.1/",
      "http://100.64.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "https://[::1]:443/",
      "http://[::]/",
      "http://[fd00::1]/",
      "http://[fe80::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "ws://127.0.0.1:6379/",
      "wss://10.0.0.1/socket",
    ]) {
      expect(rule.blocks(url), url).toBe(true);
    }
  });

  it("when a URL names public space, or is no network request, then it passes", () => {
    for (const url of [
      "https://www.tradingview.com/symbols/BTCUSD/",
      "wss://data.tradingview.com/socket.io/websocket",
      "http://172.32.0.1/",
      "http://172.15.255.255/",
      "http://11.0.0.1/",
      "http://100.128.0.1/",
      "http://[2001:db8::1]/",
      "http://[::ffff:8.8.8.8]/",
      "http://localhost.example.com/",
      "data:text/plain,127.0.0.1",
      "blob:https://www.tradingview.com/1234",
      "not a url",
    ]) {
      expect(rule.blocks(url), url).toBe(false);
    }
  });

  it("when the base URL is on loopback, then exactly its origin is allowed, its WebSocket scheme too", () => {
    const local = createPrivateNetworkRule("http://127.0.0.1:43123/sim");
    expect(local.blocks("http://127.0.0.1:43123/sim/symbols/BTCUSD/")).toBe(false);
    expect(local.blocks("ws://127.0.0.1:43123/sim/_live/BTCUSD")).toBe(false);
    expect(local.blocks("http://127.0.0.1:43124/")).toBe(true);
    expect(local.blocks("https://127.0.0.1:43123/")).toBe(true);
    expect(local.blocks("wss://127.0.0.1:43123/")).toBe(true);
    expect(local.blocks("http://localhost:43123/")).toBe(true);
  });

  it("when a socket URL is blocked, then the socket route's sieve takes it; the allowed origin's and public sockets it leaves alone", () => {
    const local = createPrivateNetworkRule("http://127.0.0.1:43123/sim");
    const sockets = [
      "ws://127.0.0.1:6379/", "ws://127.1/", "ws://0x7f.0.0.1/", "ws://2130706433/", "wss://10.0.0.1/socket",
      "ws://LOCALHOST./", "ws://api.localhost:80/", "ws://user@192.168.1.1/", "wss://[::1]:443/", "ws://[::ffff:127.0.0.1]/",
      "ws://127.0.0.1:43124/", "wss://127.0.0.1:43123/", "ws://localhost:43123/", "ws://127.0.0.1:4312/",
    ];
    for (const url of sockets) {
      expect(local.blocks(url), url).toBe(true);
      expect(local.socketCandidates.test(url), url).toBe(true);
    }
    for (const url of ["ws://127.0.0.1:43123/sim/_live/BTCUSD", "ws://127.0.0.1:43123", "wss://data.tradingview.com/socket.io/websocket", "ws://localhost.example.com/"]) {
      expect(local.blocks(url), url).toBe(false);
      expect(local.socketCandidates.test(url), url).toBe(false);
    }
    expect(rule.socketCandidates.test("wss://data.tradingview.com/socket.io/websocket")).toBe(false);
    expect(rule.socketCandidates.test("wss://127.0.0.1/")).toBe(true);
  });
});
