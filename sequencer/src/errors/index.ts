export { ERROR_CODES, type ErrorCode } from "./codes";
export { SutureError, reject } from "./SutureError";
