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
import { createPublicClient, getAddress, http, isAddress, type Address, type Hex, type PublicClient } from "viem";
import { ARTIFACTS_DIR, CONTRACT_NAMES, TWIN_CONTRACTS, bridgeArtifact, readArtifact } from "../scripts/artifacts";
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

/**
 * The runtime code at `address` with `contractName`'s immutables zeroed and its linked library
 * addresses put back to their placeholders, as they are in the compiled artifact's
 * deployedBytecode (offsets from the compiler's build info), so it equals that artifact's
 * deployedBytecode exactly when that contract is deployed there.
 */
async function runtimeCodeOf(client: PublicClient, address: Address, contractName: string): Promise<Hex | undefined> {
  const code = await client.getCode({ address });
  if (!code) return undefined;
  const bytes = Buffer.from(code.slice(2), "hex");
  const { immutableReferences, linkReferences } = deployedReferences(contractName);
  for (const { start, length } of immutableReferences) bytes.fill(0, start, start + length);
  let hex = bytes.toString("hex");
  const placeholders = readArtifact(contractName).deployedBytecode.slice(2);
  for (const { start, length } of linkReferences) {
    hex = `${hex.slice(0, start * 2)}${placeholders.slice(start * 2, (start + length) * 2)}${hex.slice((start + length) * 2)}`;
  }
  return `0x${hex}`;
}

type Range = { start: number; length: number };

function deployedReferences(contractName: string): { immutableReferences: Range[]; linkReferences: Range[] } {
  const { sourceName } = readArtifact(contractName);
  const dbg = join(ARTIFACTS_DIR, sourceName, `${contractName}.dbg.json`);
  const buildInfo = JSON.parse(readFileSync(join(dirname(dbg), JSON.parse(readFileSync(dbg, "utf8")).buildInfo), "utf8"));
  const deployed = buildInfo.output.contracts[sourceName][contractName].evm.deployedBytecode;
  const links = Object.values(deployed.linkReferences ?? {}) as Record<string, Range[]>[];
  return {
    immutableReferences: Object.values(deployed.immutableReferences ?? {}).flat() as Range[],
    linkReferences: links.flatMap((libraries) => Object.values(libraries).flat()),
  };
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
      // Wei amounts are decimal strings in the JSON (a bigint does not survive JSON.parse).
      const deployment = JSON.parse(readFileSync(out, "utf8")) as Omit<Deployment, "minBond"> & { minBond: string };
      expect(JSON.parse(stdout)).toEqual(deployment);
      expect(deployment.minBond).toBe(DEVNET_DEFAULTS.minBond.toString());
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
      // Every contract address the JSON names holds that contract's runtime code, byte for byte
      // (immutables aside), and the two EOAs hold none. A field the JSON gains later must be put
      // in one list or the other.
      const contracts = {
        bridge: CONTRACT_NAMES.bridge,
        directSurgery: CONTRACT_NAMES.directSurgery,
        fraudVerifier: CONTRACT_NAMES.fraudVerifier,
        reviewVerifier: CONTRACT_NAMES.reviewVerifier,
      };
      const accounts = ["sequencer", "governance"];
      const addressFields = Object.entries(deployment).filter(([, v]) => typeof v === "string" && isAddress(v));
      expect(addressFields.map(([k]) => k).sort()).toEqual([...Object.keys(contracts), ...accounts].sort());
      for (const [field, contractName] of Object.entries(contracts)) {
        const address = deployment[field as keyof typeof contracts];
        expect(address, `${field} in the deployment JSON`).toMatch(/^0x[0-9a-fA-F]{40}$/);
        expect(await runtimeCodeOf(client, address!, contractName), `code at ${field} ${address}`).toBe(readArtifact(contractName).deployedBytecode);
      }
      for (const field of accounts) expect(await client.getCode({ address: deployment[field as "sequencer"] }), field).toBeUndefined();

      // deployBlock is the block that created the bridge (where a watcher starts).
      const block = await client.getBlock({ blockNumber: BigInt(deployment.deployBlock), includeTransactions: true });
      const created = await Promise.all(block.transactions.map(async (tx) => (await client.getTransactionReceipt({ hash: tx.hash })).contractAddress));
      expect(created.map((a) => a && getAddress(a))).toContain(deployment.bridge);

      // Reads return what was asked for on the command line (or its defaults).
      const bridge = (functionName: string) => client.readContract({ abi: bridgeArtifact().abi, address: deployment.bridge, functionName });
      expect(await bridge("sequencer")).toBe(sequencer);
      expect(await bridge("governance")).toBe(deployment.governance);
      expect(await bridge("genesisStateRoot")).toBe(genesisStateRoot);
      expect(await bridge("lastStateRoot")).toBe(genesisStateRoot);
      expect(await bridge("l2ChainId")).toBe(BigInt(DEVNET_DEFAULTS.l2ChainId));
      expect(await bridge("challengeWindow")).toBe(5n);
      expect(await bridge("fraudVerifier")).toBe(deployment.fraudVerifier);
      expect(await bridge("minBond")).toBe(DEVNET_DEFAULTS.minBond);
      // The fraud verifier routes disputes to the STF's twin contracts deployed beside it, one per getter.
      const fraudVerifier = readArtifact(CONTRACT_NAMES.fraudVerifier);
      const twinGetters = {
        funds: "FundsTwin",
        registry: "RegistryTwin",
        schedule: "ScheduleTwin",
        care: "CareTwin",
        closing: "ClosingTwin",
        chainSteps: "ChainStepsTwin",
      };
      expect(Object.values(twinGetters).sort()).toEqual([...TWIN_CONTRACTS].sort());
      for (const [getter, twin] of Object.entries(twinGetters)) {
        const address = (await client.readContract({ abi: fraudVerifier.abi, address: deployment.fraudVerifier, functionName: getter })) as Address;
        expect(await runtimeCodeOf(client, address, twin), `${twin} at FraudVerifier.${getter}`).toBe(readArtifact(twin).deployedBytecode);
      }
      const directSurgery = readArtifact(CONTRACT_NAMES.directSurgery);
      expect(await client.readContract({ abi: directSurgery.abi, address: deployment.directSurgery, functionName: "board" })).toBe(deployment.governance);
      const reviewVerifier = readArtifact(CONTRACT_NAMES.reviewVerifier);
      const verifierRead = (functionName: string) => client.readContract({ abi: reviewVerifier.abi, address: deployment.reviewVerifier!, functionName });
      expect(await verifierRead("TREE_DEPTH")).toBe(20n);
      // The Groth16 verifier the wrapper deployed (its verification key) is where the wrapper points.
      const groth16 = (await verifierRead("groth16Verifier")) as Address;
      expect(await runtimeCodeOf(client, groth16, "Groth16Verifier")).toBe(readArtifact("Groth16Verifier").deployedBytecode);
    });
  });
});
