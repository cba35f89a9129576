export { keccak256, keccak256Parts } from "./keccak256";
export * from "./bytes";
