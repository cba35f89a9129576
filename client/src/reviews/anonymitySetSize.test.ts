import { describe, expect, it } from "vitest";
import { reviewLeaf } from "../../../sequencer/src/protocol";
import { anonymitySetSize, SMALL_ANONYMITY_SET } from "./anonymitySetSize";

const doctor = "0x00000000000000000000000000000000000000d1";
const other = "0x00000000000000000000000000000000000000d2";

describe("anonymitySetSize", () => {
  it("Should count the doctor's surgeries present in the tree, not other doctors' or later ones", () => {
    const leaves = [reviewLeaf(1n, doctor), reviewLeaf(2n, other), reviewLeaf(3n, doctor)];
    // Commitment 4 was published after the root the proof will use: not in `leaves` yet.
    const result = anonymitySetSize({ leaves, doctor, commitments: [1n, 3n, 4n] });
    expect(result).toEqual({ size: 2, small: true });
  });

  it("Should stop warning at SMALL_ANONYMITY_SET surgeries", () => {
    const commitments = Array.from({ length: SMALL_ANONYMITY_SET }, (_, i) => BigInt(i + 1));
    const leaves = commitments.map((c) => reviewLeaf(c, doctor));
    expect(anonymitySetSize({ leaves, doctor, commitments })).toEqual({ size: SMALL_ANONYMITY_SET, small: false });
  });
});
