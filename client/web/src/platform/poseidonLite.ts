// Browser stand-in for the `poseidon-lite` entry point, which is CommonJS and so brings all sixteen
// arities' constants (580 kB) into a bundle that uses two. Same functions, from their own files.
export { poseidon1 } from "poseidon-lite/poseidon1";
export { poseidon2 } from "poseidon-lite/poseidon2";
