// Reads the power (log2 of the maximum circuit size) from a .ptau file header without loading
// the file, so the build can record which ceremony the keys come from.
import { open } from "node:fs/promises";

/** Parses the "ptau" binary header: magic, version, section table; section 1 holds n8, q, power. */
export async function readPtauPower(path: string): Promise<number> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(12);
    await file.read(head, 0, 12, 0);
    if (head.toString("ascii", 0, 4) !== "ptau") throw new Error(`${path} is not a .ptau file`);
    const sections = head.readUInt32LE(8);
    let offset = 12;
    for (let i = 0; i < sections; i++) {
      const entry = Buffer.alloc(12);
      await file.read(entry, 0, 12, offset);
      const type = entry.readUInt32LE(0);
      const size = Number(entry.readBigUInt64LE(4));
      if (type === 1) {
        const n8 = Buffer.alloc(4);
        await file.read(n8, 0, 4, offset + 12);
        const power = Buffer.alloc(4);
        await file.read(power, 0, 4, offset + 12 + 4 + n8.readUInt32LE(0));
        return power.readUInt32LE(0);
      }
      offset += 12 + size;
    }
    throw new Error(`${path} has no header section`);
  } finally {
    await file.close();
  }
}
