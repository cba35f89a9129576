// Conversion between snarkjs' Groth16 proof object and the flat uint256[8] carried by PostReview
// and passed to Solidity: [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y]. The G2 point b has
// coordinates in Fp2 = c0 + c1·i; the EVM pairing precompile (EIP-197) wants (c1, c0), snarkjs
// stores (c0, c1), hence the swap.
import type { Groth16Proof } from "snarkjs";

export type PackedProof = [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];

export function packProof(proof: Groth16Proof): PackedProof {
  const { pi_a: a, pi_b: b, pi_c: c } = proof;
  return [a[0], a[1], b[0][1], b[0][0], b[1][1], b[1][0], c[0], c[1]].map((x) => BigInt(x)) as PackedProof;
}

export function unpackProof(proof: readonly bigint[]): Groth16Proof {
  if (proof.length !== 8) throw new RangeError(`a packed proof has 8 elements, got ${proof.length}`);
  const [ax, ay, bx1, bx0, by1, by0, cx, cy] = proof.map(String) as string[] as [string, string, string, string, string, string, string, string];
  return {
    pi_a: [ax, ay, "1"],
    pi_b: [
      [bx0, bx1],
      [by0, by1],
      ["1", "0"],
    ],
    pi_c: [cx, cy, "1"],
    protocol: "groth16",
    curve: "bn128",
  };
}
