// The `npm run demo` scenario in `npm test`: the same function, in process, against a test devnet
// with the demo's short timeouts, plus a verifier node.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BATCH_MAX_AGE_MS, DEMO_GENESIS } from "../client/demo/demoDevnet";
import { runDemoScenario } from "../client/demo/runDemoScenario";
import { HARDHAT_KEYS } from "../sequencer/src/devnet";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { startTestDevnet, type TestDevnet } from "./support/devnet";

let devnet: TestDevnet;
let sequencer: SutureNode;
let verifier: SutureNode;

beforeAll(async () => {
  devnet = await startTestDevnet({ challengeWindowSeconds: 2, genesis: DEMO_GENESIS });
  sequencer = await devnet.startNode({ batchMaxAgeMs: DEMO_BATCH_MAX_AGE_MS });
  verifier = await devnet.startNode({ mode: "verifier" });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

describe("demo scenario", () => {
  it("Should run every role's workflow end to end and leave a verified chain", async () => {
    const lines: string[] = [];
    const result = await runDemoScenario({
      nodeUrl: sequencer.url,
      l1RpcUrl: devnet.l1.rpcUrl,
      verifierUrl: verifier.url,
      funderKey: HARDHAT_KEYS[0]!,
      log: (l) => lines.push(l),
    });
    expect(result.cases).toMatchObject({
      alice: { status: "CLOSED" },
      bob: { status: "CLOSED" },
      carol: { status: "CLOSED" },
      bobCancel: { status: "CANCELLED" },
      carolNoShow: { status: "NO_SHOW" },
    });
    expect(result.reviews).toBe(3);
    expect(result.insurancePayout).toBe(10n ** 18n);
    expect(result.withdrawal.l1TxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.verifiedBatches).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("MEDICINE_RECALLED");
  }, 150_000);
});
