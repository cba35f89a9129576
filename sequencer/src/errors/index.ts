export { ERROR_CODES, NOT_FOUND_CODES, type ErrorCode, type NotFoundEntity } from "./codes";
export { SutureError, reject } from "./SutureError";
