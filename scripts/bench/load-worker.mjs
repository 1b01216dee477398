/**
 * autocannon in a worker thread, so the load generator does not share the
 * server's event loop: sends each body of `workerData.bodies` once (in order,
 * over `connections` keep-alive connections), times every response itself
 * (autocannon's own histogram has no p95, and inside a worker it hands back only encoded histograms), and counts
 * answers that are not a 2xx, carry GraphQL errors or lack the expected text.
 */
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

const { url, headers, bodies, connections, amount, expect } = workerData;
let next = 0;
let failures = 0;
let firstFailure = "";
const latencies = [];
const started = performance.now();
const instance = autocannon(
  {
    url,
    connections,
    amount,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: bodies[Math.min(next++, bodies.length - 1)] }),
        onResponse: (status, body) => {
          if (status < 200 || status >= 300 || body.includes('"errors"') || (expect && !body.includes(expect))) {
            failures++;
            firstFailure ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  },
  (error, result) => {
    const seconds = (performance.now() - started) / 1000;
    if (error) return parentPort.postMessage({ error: String(error) });
    parentPort.postMessage({
      seconds,
      latencies,
      failures: failures + (result.errors ?? 0) + (result.timeouts ?? 0),
      non2xx: result.non2xx ?? 0,
      firstFailure,
      sent: result.totalCompletedRequests,
    });
  },
);
instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
