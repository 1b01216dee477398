/**
 * The two ways the bench drives an operation, with the same concurrency and
 * the same number of calls, latencies timed per call by the bench itself:
 *   - `graphqlLoad`: autocannon (in a worker thread) POSTing one prepared body per request;
 *   - `directLoad`: `connections` concurrent loops calling an async function (a replay).
 * Both refuse to return a timing when any call failed.
 */
import { Worker } from "node:worker_threads";

export interface Timing {
  calls: number;
  seconds: number;
  /** Calls per second over the whole run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function timing(latencies: number[], seconds: number): Timing {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    calls: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1],
  };
}

export interface GraphqlLoad {
  url: string;
  headers: Record<string, string>;
  /** One body per request, each sent once. */
  bodies: string[];
  connections: number;
  /** Text every answer must contain (e.g. `"created":true`). */
  expect?: string;
}

export async function graphqlLoad(load: GraphqlLoad): Promise<Timing> {
  const amount = load.bodies.length;
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), { workerData: { ...load, amount } });
  const result = await new Promise<{
    error?: string;
    seconds: number;
    latencies: number[];
    failures: number;
    non2xx: number;
    firstFailure: string;
    sent: number;
  }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  if (result.error) throw new Error(`autocannon: ${result.error}`);
  if (result.failures || result.non2xx)
    throw new Error(
      `GraphQL run refused: ${result.failures} failed and ${result.non2xx} non-2xx of ${result.sent} ` +
        `(first: ${result.firstFailure})`,
    );
  if (result.latencies.length !== amount)
    throw new Error(`GraphQL run refused: ${result.latencies.length} answers for ${amount} requests`);
  return timing(result.latencies, result.seconds);
}

/**
 * Call `op(i)` for i = 0 … calls − 1 from `connections` concurrent loops. `op` resolves to its failures (0 when it did
 * what it should).
 */
export async function directLoad(
  calls: number,
  connections: number,
  op: (i: number) => Promise<number>,
): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < calls; i = next++) {
        const start = performance.now();
        failures += await op(i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failures) throw new Error(`direct run refused: ${failures} replayed commands failed`);
  return timing(latencies, seconds);
}
