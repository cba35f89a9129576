// createSutureClient: the base client with every action bound to it, for callers who prefer
// `client.proposeSurgery({...})` to `proposeSurgery(client, {...})`.
import * as actions from "./actions";
import { createBaseClient, type CreateSutureClientParameters, type SutureClient } from "./client/createSutureClient";

type Actions = typeof actions;
type ActionName = { [K in keyof Actions]: Actions[K] extends (client: SutureClient, ...rest: never[]) => unknown ? K : never }[keyof Actions];

export type SutureActions = {
  [K in ActionName]: Actions[K] extends (client: SutureClient, ...rest: infer P) => infer R ? (...parameters: P) => R : never;
};

export type SutureClientWithActions = SutureClient & SutureActions;

export function createSutureClient(parameters: CreateSutureClientParameters): SutureClientWithActions {
  const client = createBaseClient(parameters);
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    if (typeof action === "function" && name !== "defineTransaction" && name !== "hashPlan")
      bound[name] = (...rest: unknown[]) => (action as (c: SutureClient, ...r: unknown[]) => unknown)(client, ...rest);
  }
  return Object.assign(client, bound) as SutureClientWithActions;
}

export type { CreateSutureClientParameters, SutureClient };
