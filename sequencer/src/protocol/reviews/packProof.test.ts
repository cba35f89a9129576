import { groth16, type Groth16Proof } from "snarkjs";
import { describe, expect, it } from "vitest";
import { packProof, unpackProof } from "./packProof";

const proof: Groth16Proof = {
  pi_a: ["11", "12", "1"],
  pi_b: [
    ["21", "22"],
    ["23", "24"],
    ["1", "0"],
  ],
  pi_c: ["31", "32", "1"],
  protocol: "groth16",
  curve: "bn128",
};

describe("packProof", () => {
  it("Should use the Solidity calldata order of snarkjs (b's Fp2 halves swapped)", async () => {
    const calldata = JSON.parse(
      `[${await (groth16 as unknown as { exportSolidityCallData(p: Groth16Proof, s: string[]): Promise<string> }).exportSolidityCallData(proof, [])}]`,
    ) as [string[], string[][], string[]];
    const [a, b, c] = calldata;
    expect(packProof(proof)).toEqual([...a, ...b[0]!, ...b[1]!, ...c].map((x) => BigInt(x)));
    expect(packProof(proof)).toEqual([11n, 12n, 22n, 21n, 24n, 23n, 31n, 32n]);
  });

  it("Should round-trip through unpackProof", () => {
    expect(unpackProof(packProof(proof))).toEqual(proof);
  });

  it("Should not unpack anything but 8 elements", () => {
    expect(() => unpackProof([1n, 2n])).toThrow(RangeError);
  });
});
