export { buildApp, MAX_JSON_BODY } from "./app";
export type { NodeServices } from "./services";
