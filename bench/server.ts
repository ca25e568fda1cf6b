import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import type { Cleanup } from "./cleanup.js";

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port from the OS");
  return address.port;
}

/**
 * Starts `src/server.ts` in a child process, so the load generator in this process does not take
 * the server's CPU, and waits for GET /health. Its output goes to our stderr (stdout is the report).
 */
export async function startServer(
  root: string,
  env: Record<string, string>,
  baseUrl: string,
  cleanup: Cleanup,
): Promise<void> {
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extra, "--import", "tsx", "src/server.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", 2, 2],
  });
  cleanup.add("stop the server", () => stopChild(child));
  let exited: string | undefined;
  child.on("exit", (code, signal) => {
    exited = `server exited (${signal ?? `code ${code}`})`;
  });

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not answer GET /health with 200 within 120 s");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exit;
  clearTimeout(timer);
}
