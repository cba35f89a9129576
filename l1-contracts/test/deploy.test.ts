// The deploy script against a real loopback Hardhat node (what `npm start` runs), through its CLI.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Hex } from "viem";
import { CONTRACT_NAMES, bridgeArtifact, hasArtifact } from "../scripts/artifacts";
import { DEVNET_DEFAULTS, type Deployment } from "../scripts/deploy";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

describe("deploy.ts", () => {
  let node: ChildProcess;
  let rpcUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    rpcUrl = `http://127.0.0.1:${port}`;
    node = spawn(process.execPath, [require.resolve("hardhat/internal/cli/cli.js"), "node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: ROOT,
      stdio: "ignore",
    });
    const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
    for (let i = 0; ; i++) {
      try {
        await client.getChainId();
        break;
      } catch (error) {
        if (i > 300) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(() => {
    node?.kill();
  });

  describe("# CLI", () => {
    it("Should deploy to L1_RPC_URL and write the deployment JSON the node reads", async () => {
      const out = join(mkdtempSync(join(tmpdir(), "suture-deploy-")), "nested", "devnet.json");
      const genesisStateRoot = `0x${"ab".repeat(32)}` as Hex;
      const sequencer = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
      const args = [require.resolve("tsx/cli"), "l1-contracts/scripts/deploy.ts", "--out", out, "--sequencer", sequencer, "--genesis-root", genesisStateRoot];
      const { stdout } = await promisify(execFile)(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, L1_RPC_URL: rpcUrl, CHALLENGE_WINDOW_SECONDS: "5" },
      });
      const deployment = JSON.parse(readFileSync(out, "utf8")) as Deployment;
      expect(JSON.parse(stdout)).toEqual(deployment);
      expect(deployment).toMatchObject({
        l1ChainId: 31337,
        l2ChainId: DEVNET_DEFAULTS.l2ChainId,
        sequencer,
        governance: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        challengeWindowSeconds: 5,
        genesisStateRoot,
      });
      expect(deployment.deployBlock).toBeGreaterThan(0);

      const client = createPublicClient({ transport: http(rpcUrl) });
      for (const address of [deployment.bridge, deployment.directSurgery]) expect(await client.getCode({ address })).toMatch(/^0x[0-9a-f]{100,}$/);
      expect(deployment.reviewVerifier !== undefined).toBe(hasArtifact(CONTRACT_NAMES.reviewVerifier));
      if (deployment.reviewVerifier) expect(await client.getCode({ address: deployment.reviewVerifier })).toMatch(/^0x[0-9a-f]{100,}$/);
      const read = (functionName: string) => client.readContract({ abi: bridgeArtifact().abi, address: deployment.bridge, functionName });
      expect(await read("sequencer")).toBe(sequencer);
      expect(await read("genesisStateRoot")).toBe(genesisStateRoot);
      expect(await read("challengeWindow")).toBe(5n);
    });
  });
});
