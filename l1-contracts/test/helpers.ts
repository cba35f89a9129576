// Assertions and chain controls shared by the contract tests.
import { expect } from "vitest";
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, parseEventLogs, type Abi, type Hash, type TransactionReceipt } from "viem";
import type { Fixture } from "./fixture";

/** Awaits a write (its hash or its receipt); fails the test if the transaction reverted. */
export async function mined(fixture: Fixture, sent: Promise<Hash | TransactionReceipt>): Promise<TransactionReceipt> {
  const result = await sent;
  const receipt = typeof result === "string" ? await fixture.publicClient.waitForTransactionReceipt({ hash: result }) : result;
  expect(receipt.status).toBe("success");
  return receipt;
}

/** Asserts that `call` reverts with custom error `errorName` (and `args`, when given). */
export async function expectRevert(abi: Abi, call: Promise<unknown>, errorName: string, args?: readonly unknown[]) {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`expected a revert with ${errorName}, but the call succeeded`);
  const decoded = decodeRevert(abi, error);
  expect(decoded?.errorName, `revert reason of: ${String(error).slice(0, 400)}`).toBe(errorName);
  if (args) expect(decoded?.args ?? []).toEqual(args);
}

/** The custom error (name and arguments) a failed call reverted with, if `abi` knows it. */
export function decodeRevert(abi: Abi, error: unknown): { errorName: string; args: readonly unknown[] } | undefined {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    }
  }
  // Hardhat reports eth_sendTransaction reverts with the raw revert data somewhere in the cause chain.
  for (let e: any = error; e; e = e.cause) {
    const data = e.data?.data ?? e.data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) {
      try {
        const decoded = decodeErrorResult({ abi, data: data as `0x${string}` });
        return { errorName: decoded.errorName, args: decoded.args ?? [] };
      } catch {
        // not this contract's error; keep walking
      }
    }
  }
  return undefined;
}

/** The decoded logs named `eventName` in a receipt. */
export function eventsOf(abi: Abi, receipt: TransactionReceipt, eventName: string) {
  return parseEventLogs({ abi, logs: receipt.logs, eventName }) as unknown as { args: Record<string, any>; address: string }[];
}

/** Latest block timestamp. */
export async function now(fixture: Fixture): Promise<bigint> {
  return (await fixture.publicClient.getBlock()).timestamp;
}

/** Mines a block `seconds` after the latest one. */
export async function advanceTime(fixture: Fixture, seconds: number | bigint): Promise<void> {
  const provider = fixture.hre.network.provider;
  await provider.request({ method: "evm_increaseTime", params: [Number(seconds)] });
  await provider.request({ method: "evm_mine" });
}

/** Makes the next block's timestamp exactly `timestamp`. */
export async function setNextTimestamp(fixture: Fixture, timestamp: number | bigint): Promise<void> {
  await fixture.hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(timestamp)] });
}
