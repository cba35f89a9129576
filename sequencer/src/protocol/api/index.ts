// The HTTP API's published shapes: TypeBox schemas of every route's input and answer, one file per
// route group. The node's routes validate and serialize with them and the SDK's types are their
// Static<>; they depend on nothing but TypeBox and the transaction definitions.
export * from "./primitives";
export * from "./pages";
export * from "./submit";
export * from "./chain";
export * from "./accounts";
export * from "./doctors";
export * from "./patients";
export * from "./cases";
export * from "./medicines";
export * from "./policies";
export * from "./incidents";
export * from "./records";
export * from "./reviews";
export * from "./withdrawals";
export * from "./blobs";
export * from "./meta";
export * from "./fees";
