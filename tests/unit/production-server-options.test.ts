import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  internalHostname,
  parseServeArgs,
  PEER_HEADER,
  stampPeer,
  UsageError,
} from "@/lib/platform/serve-helpers.mjs";

describe("npm start's command line (lib/platform/serve.mjs), as next start reads it", () => {
  it.each([
    [[], {}, 3000, undefined],
    [[], { PORT: "8080" }, 8080, undefined],
    [["-p", "3100"], { PORT: "8080" }, 3100, undefined],
    [["-p3100"], {}, 3100, undefined],
    [["--port", "3100"], {}, 3100, undefined],
    [["--port=3100"], {}, 3100, undefined],
    [["-p", "0"], {}, 0, undefined],
    [["-H", "127.0.0.1", "-p", "3100"], {}, 3100, "127.0.0.1"],
    [["--hostname=::"], {}, 3000, "::"],
    [["-H0.0.0.0"], {}, 3000, "0.0.0.0"],
  ])("%j with %j: port %d, host %s", (argv, env, port, hostname) => {
    expect(parseServeArgs(argv, env)).toMatchObject({ port, hostname });
  });

  it("takes --keepAliveTimeout and --help", () => {
    expect(parseServeArgs(["--keepAliveTimeout", "65000"], {}).keepAliveTimeout).toBe(65000);
    expect(parseServeArgs(["--help"], {}).help).toBe(true);
  });

  it.each([
    [["--prot", "3100"], /unknown argument "--prot"/],
    [["-p"], /-p needs a value/],
    [["-p", "http"], /not a port: "http"/],
    [["-p", "70000"], /not a port/],
    [["--keepAliveTimeout=0"], /not a positive number/],
    [["."], /unknown argument "\."/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseServeArgs(argv, {})).toThrow(UsageError);
    expect(() => parseServeArgs(argv, {})).toThrow(message);
  });

  it("refuses a PORT that is not one", () => {
    expect(() => parseServeArgs([], { PORT: "eighty" })).toThrow(/PORT: not a port/);
  });

  it("has Next.js reach itself on loopback when listening everywhere", () => {
    expect(internalHostname(undefined)).toBe("localhost");
    expect(internalHostname("0.0.0.0")).toBe("127.0.0.1");
    expect(internalHostname("::")).toBe("::1");
    expect(internalHostname("10.1.2.3")).toBe("10.1.2.3");
  });
});

describe("the connection's address reaches the app in a header the client cannot set", () => {
  it("replaces a forged peer header, leaving X-Forwarded-For alone", async () => {
    const server = http.createServer((req, res) => {
      stampPeer(req);
      res.end(JSON.stringify({ peer: req.headers[PEER_HEADER], forwarded: req.headers["x-forwarded-for"] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: {
          [PEER_HEADER]: "198.51.100.1",
          "X-Count-Us-In-Peer": "198.51.100.2",
          "X-Forwarded-For": "1.1.1.1",
        },
      });
      expect(await response.json()).toEqual({ peer: "127.0.0.1", forwarded: "1.1.1.1" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
