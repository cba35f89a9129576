// GET /v1/circuits/review[/:file]: the review circuit's proving files, so a client can prove
// without a copy of this repository, and check what it downloaded against the manifest's hashes.
// Only the three files named here are served; the bytes are read once and the hashes are of
// exactly the bytes served.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Static } from "@sinclair/typebox";
import { REVIEW_ARTIFACTS, REVIEW_CIRCUIT } from "../../../circuits/config";
import type { CIRCUIT_FILES, CircuitManifest } from "../protocol/api";

export type CircuitFileName = (typeof CIRCUIT_FILES)[number];

const FILES: Record<CircuitFileName, { path: string; contentType: string }> = {
  "review.wasm": { path: REVIEW_ARTIFACTS.wasm, contentType: "application/wasm" },
  "review.zkey": { path: REVIEW_ARTIFACTS.zkey, contentType: "application/octet-stream" },
  "review.vkey.json": { path: REVIEW_ARTIFACTS.verificationKey, contentType: "application/json" },
};

type BuildManifest = { constraints: { total: number }; toolchain: Record<string, string>; ptau: { origin: string; power: number }; sourceHash: string };

let loaded: Promise<{ files: Map<CircuitFileName, Buffer>; manifest: Static<typeof CircuitManifest> }> | null = null;

async function load() {
  const build = JSON.parse(await readFile(REVIEW_ARTIFACTS.manifest, "utf8")) as BuildManifest;
  const files = new Map<CircuitFileName, Buffer>();
  for (const name of Object.keys(FILES) as CircuitFileName[]) files.set(name, await readFile(FILES[name].path));
  const manifest: Static<typeof CircuitManifest> = {
    circuit: REVIEW_CIRCUIT.name,
    depth: REVIEW_CIRCUIT.depth,
    publicSignals: [...REVIEW_CIRCUIT.publicSignals],
    inputs: [
      ...REVIEW_CIRCUIT.privateInputs.map((name) => ({ name, public: false, length: name === "siblings" ? REVIEW_CIRCUIT.depth : 1 })),
      ...REVIEW_CIRCUIT.publicSignals.map((name) => ({ name, public: true, length: 1 })),
    ],
    constraints: build.constraints.total,
    toolchain: build.toolchain,
    ptau: { origin: build.ptau.origin, power: build.ptau.power },
    sourceHash: build.sourceHash,
    files: [...files].map(([name, bytes]) => ({
      name,
      url: `/v1/circuits/review/${name}`,
      contentType: FILES[name].contentType,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    })),
  };
  return { files, manifest };
}

function loadOnce() {
  loaded ??= load().catch((error) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

export async function reviewCircuitManifest(): Promise<Static<typeof CircuitManifest>> {
  return (await loadOnce()).manifest;
}

export async function reviewCircuitFile(name: CircuitFileName): Promise<{ bytes: Buffer; contentType: string }> {
  if (!Object.hasOwn(FILES, name)) throw new Error(`not a circuit file: ${name}`);
  return { bytes: (await loadOnce()).files.get(name)!, contentType: FILES[name].contentType };
}
