// The committed Solidity transaction codec must be exactly what the generator writes from today's
// schema: a change to TX_TYPES / STRUCT_TYPES / limits without `npm run gen:twin` fails here.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TX_TYPES } from "../../sequencer/src/protocol";
import { committedTxCodecFiles, generateTxCodec } from "../scripts/generateTxCodec";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("generateTxCodec", () => {
  describe("# generateTxCodec", () => {
    it("Should match the committed generated Solidity files byte for byte (run `npm run gen:twin` after a schema change)", () => {
      const generated = generateTxCodec();
      expect(committedTxCodecFiles().sort()).toEqual(generated.map((f) => f.path).sort());
      for (const f of generated) expect(readFileSync(join(ROOT, f.path), "utf8"), f.path).toBe(f.content);
    });

    it("Should generate one codec library per transaction type, named after it", () => {
      const paths = generateTxCodec().map((f) => f.path);
      for (const type of Object.keys(TX_TYPES)) {
        const file = generateTxCodec().find((f) => f.path.endsWith(`/Tx${type}.sol`));
        expect(file, type).toBeDefined();
        expect(file!.content).toContain(`library Tx${type}Codec {`);
        expect(file!.content).toContain(`uint8 internal constant CODE = ${TX_TYPES[type as keyof typeof TX_TYPES].code};`);
      }
      expect(paths).toHaveLength(Object.keys(TX_TYPES).length + 3);
    });
  });
});
