// Shared JSON schemas for route inputs and outputs.
export const address = { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" } as const;
export const hash = { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } as const;
export const uintString = { type: "string", pattern: "^(0|[1-9][0-9]{0,19})$" } as const;
export const anyObject = { type: "object", additionalProperties: true } as const;
export const errorBody = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, details: anyObject } } },
} as const;
export const withErrors = (ok: object) => ({ 200: ok, "4xx": errorBody });
