/**
 * Run one of the repository's scripts (`npm run job`, `merchant`, `import`)
 * as a user would, against a test server's table. The child runs without
 * blocking this process: the test server lives here, and a blocked event loop
 * lets its idle keep-alive connections expire under the next request.
 */
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { inject } from "vitest";
import type { TestServer } from "./server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `scripts/<script>.ts` with these arguments, over the server's table (no Cognito). */
export function runScript(server: TestServer, script: string, ...args: string[]): Promise<ScriptRun> {
  return runScriptWith(server, {}, script, ...args);
}

/** As runScript, with these environment variables changed (undefined removes one). */
export function runScriptWith(
  server: TestServer,
  changes: Record<string, string | undefined>,
  script: string,
  ...args: string[]
): Promise<ScriptRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"),
    TABLE_NAME: server.tableName,
    USER_POOL_ID: "",
    ...changes,
  };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
  const child = spawn(process.execPath, [TSX, `scripts/${script}.ts`, ...args], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("close", (status) => done({ status, stdout, stderr }));
  });
}
