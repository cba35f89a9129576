// Genesis vectors: the state root of a fixed genesis parameter set (the devnet's), with every
// leaf it is built from.
import { bytesToHex } from "../../crypto";
import { leafKey, leafPreimage, leafValueHash, NAMESPACES, type Namespace } from "../../state";
import { createGenesisState } from "../../stf";
import { GENESIS_PARAMS } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

export function computeGenesisVectors(): Json {
  const state = createGenesisState({ params: GENESIS_PARAMS });
  const stateRoot = state.root();
  const leaves = (Object.keys(NAMESPACES) as Namespace[]).flatMap((namespace) =>
    [...state.entries(namespace)].map(([id, value]) => ({
      namespace,
      id,
      value: bytesToHex(leafPreimage(namespace, value as never)),
      key: bytesToHex(leafKey(namespace, id)),
      valueHash: bytesToHex(leafValueHash(namespace, value as never)),
    })),
  );
  return toJson({
    description:
      "Genesis (docs/protocol.md, Genesis state): createGenesisState(params) writes the meta, reviewTree and params leaves; " +
      "stateRoot is the state tree over exactly these leaves (value: the leaf's ABI preimage). The bridge address is not committed.",
    params: GENESIS_PARAMS,
    leaves,
    stateRoot,
  });
}
