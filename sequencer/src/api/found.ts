// A read's value or its entity's 404: CASE_NOT_FOUND, DOCTOR_NOT_FOUND, ... (NOT_FOUND_CODES).
import { NOT_FOUND_CODES, SutureError, type NotFoundEntity } from "../errors";

export function found<T>(value: T | undefined, entity: NotFoundEntity, id: string): T {
  if (value === undefined) throw new SutureError(NOT_FOUND_CODES[entity], `no ${entity} ${id}`, { [entity]: id });
  return value;
}
