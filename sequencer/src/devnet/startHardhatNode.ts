// Starts a loopback Hardhat L1 (`hardhat node`) as a child process and waits for its RPC.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export type HardhatNode = { rpcUrl: string; process: ChildProcess; stop: () => Promise<void> };

export async function rpcReady(rpcUrl: string): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startHardhatNode({
  port,
  host = "127.0.0.1",
  timeoutMs = 60_000,
}: {
  port: number;
  host?: string;
  timeoutMs?: number;
}): Promise<HardhatNode> {
  const rpcUrl = `http://${host}:${port}`;
  if (await rpcReady(rpcUrl)) throw new Error(`something already answers on ${rpcUrl}; set L1_RPC_URL to use it, or free the port`);
  const cli = createRequire(import.meta.url).resolve("hardhat/internal/cli/cli.js");
  const child = spawn(process.execPath, [cli, "node", "--hostname", host, "--port", String(port)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-4000)));
  const started = Date.now();
  while (!(await rpcReady(rpcUrl))) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}): ${output}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`hardhat node did not start within ${timeoutMs} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return { rpcUrl, process: child, stop };
}
