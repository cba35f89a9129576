// The node process: `tsx sequencer/src/main.ts` (NODE_MODE=sequencer|verifier). Reads its config
// from the environment and the deployment JSON, serves the API, stops cleanly on SIGINT/SIGTERM.
import { loadConfig } from "./node/config";
import { createNode, DataDirMismatchError } from "./node/createNode";
import { readDeployment } from "./ledger/deployment";
import { createLogger } from "./runtime/logger";

const logger = createLogger();
const config = loadConfig(process.env, process.argv.includes("--verifier") ? { mode: "verifier" } : {});
try {
  const node = await createNode({ config, deployment: readDeployment(config.deploymentPath), logger });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "stopping");
    const force = setTimeout(() => process.exit(1), 10_000);
    await node.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  const error = await node.fatal;
  logger.fatal({ err: error.message }, "node stopped on a fatal error");
  await node.stop();
  process.exit(2);
} catch (error) {
  if (error instanceof DataDirMismatchError) {
    console.error(`suture: ${error.message}`);
    process.exit(3);
  }
  throw error;
}
