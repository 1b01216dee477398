/**
 * The clerk on a slow phone: the console opened cold (a fresh browser context, nothing cached, signed out) in
 * Debian's Chromium as a mid-range phone — 390×844, touch, Lighthouse's "Slow 4G" mobile profile (150 ms RTT,
 * 1.6 Mbps down, 750 kbps up) and a 4× slower CPU, both through the DevTools protocol — against the local
 * server with the demo data (the build, server and browser the console journeys use: tests/support). Each run
 * times, from navigation: the sign-in form ready to use, and the member list's first row once the demo clerk
 * signs in as soon as the form is there. The same runs unthrottled, interleaved, are the baseline.
 *
 *   npx tsx scripts/bench/console-phone.ts [--runs 5] [--dynamodb http://localhost:8000] [--dir <built console>]
 *
 * --runs: runs each way (default 5, at least 3); --dynamodb: a running DynamoDB to make the demo's table in
 * (default: DynamoDB Local started for the run); --dir: serve another built console (a build to compare with).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { devices, type Browser, type CDPSession } from "playwright-core";
import { builtConsole, launchChromium } from "../../tests/support/console.js";
import { startTestServer } from "../../tests/support/server.js";
import { freePort, startDynamoDbLocal } from "../local/dynamodb.js";
import { seedDemo, type Login } from "../local/seed.js";

/**
 * Lighthouse's "Slow 4G" mobile profile (constants.throttling.mobileSlow4G). Through the DevTools protocol it
 * is applied as Lighthouse's devtools throttling and DevTools' own Slow 4G preset apply it: the latency is
 * per request, not per round trip, so it is the RTT × 3.75 (DNS, TCP and the request's own round trips), and
 * the throughputs × 0.9.
 */
export const SLOW_4G = { rttMs: 150, downloadKbps: 1.6 * 1024, uploadKbps: 750, cpuSlowdown: 4 } as const;
const NETWORK = {
  offline: false,
  latency: SLOW_4G.rttMs * 3.75,
  downloadThroughput: (SLOW_4G.downloadKbps * 0.9 * 1024) / 8,
  uploadThroughput: (SLOW_4G.uploadKbps * 0.9 * 1024) / 8,
};

/** A mid-range phone: 390×844 CSS pixels, touch, Chrome on Android's user agent. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: devices["Pixel 7"].userAgent,
  locale: "zh-CN",
};

/** How long one step of a run may take before the run fails (a throttled phone on a busy 2-core machine). */
const STEP_TIMEOUT = 120_000;

/** One run, in ms from navigation. */
export interface PhoneRun {
  /** The sign-in form drawn with its fields and an enabled button. */
  signInFormMs: number;
  /** The member list's first member row drawn (the clerk signed in the moment the form was there). */
  firstMemberRowMs: number;
  /** Of that, from pressing 登录 to the first row: the sign-in, the landing page and the list's request. */
  signInToRowMs: number;
}

export interface PhoneTimings {
  /** Each figure's median over the runs. */
  median: PhoneRun;
  runs: PhoneRun[];
}

export interface ConsolePhone {
  device: { width: number; height: number; deviceScaleFactor: number; touch: true };
  /** What "throttled" means: the profile, and what the DevTools protocol was given for it. */
  throttling: typeof SLOW_4G & { latencyMs: number; downloadBytesPerSecond: number; uploadBytesPerSecond: number };
  throttled: PhoneTimings;
  /** The same runs without throttling (the machine's own CPU, localhost). */
  unthrottled: PhoneTimings;
}

/** Times written by the page itself (performance.now(): ms since navigation), in the frame that draws each thing. */
interface Marks {
  signInForm?: number;
  submitted?: number;
  memberRow?: number;
}

/**
 * Runs in the page before its own scripts: marks when the sign-in form and the first member row are drawn, and
 * when the form is sent. Plain JavaScript text: tsx names functions with a helper the page does not have.
 */
const RECORD_MARKS = `(() => {
  const marks = (window.__phone = {});
  const formReady = () =>
    document.querySelector('input[name="username"]') &&
    document.querySelector('input[name="password"]') &&
    document.querySelector('button[type="submit"]:not([disabled])');
  const rowShown = () =>
    [...document.querySelectorAll(".RaDataTable-rowEven, .RaDataTable-rowOdd")].some((row) => row.textContent.trim());
  const mark = (name, shown) => {
    if (marks[name] === undefined && shown()) requestAnimationFrame(() => (marks[name] ??= performance.now()));
  };
  const observer = new MutationObserver(() => {
    mark("signInForm", formReady);
    mark("memberRow", rowShown);
    if (marks.memberRow !== undefined) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener("submit", () => (marks.submitted ??= performance.now()), true);
})();`;

/** The phone's network and CPU, for the page behind this DevTools session. */
async function throttle(cdp: CDPSession) {
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW_4G.cpuSlowdown });
}

/** One cold open of the console on the phone, signed in as the clerk as soon as the form is there. */
export async function phoneRun(
  browser: Browser,
  url: string,
  clerk: Login,
  throttled: boolean,
  log: (line: string) => void,
): Promise<PhoneRun> {
  const context = await browser.newContext(PHONE);
  try {
    await context.addInitScript({ content: RECORD_MARKS });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on("pageerror", (error) => log(`[browser] ${error.message}`));
    if (throttled) await throttle(await context.newCDPSession(page));
    const marked = (name: keyof Marks) =>
      page.waitForFunction((key) => (window as unknown as { __phone: Marks }).__phone[key] !== undefined, name, {
        polling: 50,
      });
    await page.goto(url, { waitUntil: "commit" });
    await marked("signInForm");
    await page.locator('input[name="username"]').fill(clerk.username);
    await page.locator('input[name="password"]').fill(clerk.password);
    await page.locator('button[type="submit"]').tap();
    await marked("memberRow");
    if (!/#\/members/.test(page.url())) throw new Error(`The clerk landed on ${page.url()}, not the member list`);
    const marks = await page.evaluate(() => (window as unknown as { __phone: Required<Marks> }).__phone);
    return {
      signInFormMs: marks.signInForm,
      firstMemberRowMs: marks.memberRow,
      signInToRowMs: marks.memberRow - marks.submitted,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function timings(runs: PhoneRun[]): PhoneTimings {
  const of = (key: keyof PhoneRun) => Math.round(median(runs.map((run) => run[key])));
  return {
    median: {
      signInFormMs: of("signInFormMs"),
      firstMemberRowMs: of("firstMemberRowMs"),
      signInToRowMs: of("signInToRowMs"),
    },
    runs: runs.map((run) => ({
      signInFormMs: Math.round(run.signInFormMs),
      firstMemberRowMs: Math.round(run.firstMemberRowMs),
      signInToRowMs: Math.round(run.signInToRowMs),
    })),
  };
}

/** Throttled and unthrottled runs, interleaved so the machine's load weighs on both alike; one warm-up first. */
async function measure(browser: Browser, url: string, clerk: Login, runs: number, log: (line: string) => void) {
  await phoneRun(browser, url, clerk, false, log); // the server's first requests (module warm-up) count for no run
  const throttled: PhoneRun[] = [];
  const unthrottled: PhoneRun[] = [];
  for (let run = 1; run <= runs; run++) {
    throttled.push(await phoneRun(browser, url, clerk, true, log));
    unthrottled.push(await phoneRun(browser, url, clerk, false, log));
    const [slow, fast] = [throttled.at(-1)!, unthrottled.at(-1)!];
    log(
      `  run ${run}/${runs}: throttled form ${Math.round(slow.signInFormMs)} ms, first row ` +
        `${Math.round(slow.firstMemberRowMs)} ms; unthrottled ${Math.round(fast.signInFormMs)} / ` +
        `${Math.round(fast.firstMemberRowMs)} ms`,
    );
  }
  return { throttled: timings(throttled), unthrottled: timings(unthrottled) };
}

/**
 * Measure the clerk's console on a slow phone: the console built (cached per source tree, as the console
 * journeys build it), a local server over DynamoDB Local (the given one, or one started for this) with the
 * demo data, then `runs` (at least 3) throttled and unthrottled cold opens.
 */
export async function consolePhone(
  options: {
    runs?: number;
    dynamodbEndpoint?: string;
    /** A built console to serve (another build to compare with); by default this source tree's. */
    consoleDir?: string;
    log?: (line: string) => void;
  } = {},
): Promise<ConsolePhone> {
  const log = options.log ?? (() => {});
  const runs = Math.max(3, options.runs ?? 5);
  const dynamodb = options.dynamodbEndpoint
    ? undefined
    : await startDynamoDbLocal({ port: await freePort(), inMemory: true, log });
  try {
    if (!options.consoleDir) log("Building the console (or taking the cached build)…");
    const staticDir = options.consoleDir ?? (await builtConsole());
    const server = await startTestServer({
      staticDir,
      dynamodbEndpoint: options.dynamodbEndpoint ?? dynamodb!.endpoint,
    });
    try {
      log("Seeding the demo data…");
      const demo = await seedDemo(server.db);
      const browser = await launchChromium();
      try {
        log(`Opening the console as ${demo.clerk.username}, ${runs} runs each way…`);
        const measured = await measure(browser, server.url, demo.clerk, runs, log);
        return {
          device: { ...PHONE.viewport, deviceScaleFactor: PHONE.deviceScaleFactor, touch: true },
          throttling: {
            ...SLOW_4G,
            latencyMs: NETWORK.latency,
            downloadBytesPerSecond: NETWORK.downloadThroughput,
            uploadBytesPerSecond: NETWORK.uploadThroughput,
          },
          ...measured,
        };
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await dynamodb?.stop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const all = (timing: PhoneTimings, key: keyof PhoneRun) => timing.runs.map((run) => seconds(run[key])).join(", ");

/** The bench's table rows for the clerk's phone. */
export function consolePhoneMarkdown(phone: ConsolePhone): string[] {
  const rows: [string, keyof PhoneRun][] = [
    ["sign-in form ready", "signInFormMs"],
    ["member list's first row (signed in at once)", "firstMemberRowMs"],
    ["… of which 登录 → first row", "signInToRowMs"],
  ];
  return [
    `| clerk's phone, cold (${phone.device.width}×${phone.device.height}, touch) | Slow 4G + 4× CPU, median | ` +
      `runs | unthrottled, median | runs |`,
    "|---|---|---|---|---|",
    ...rows.map(
      ([label, key]) =>
        `| ${label} | ${seconds(phone.throttled.median[key])} | ${all(phone.throttled, key)} | ` +
        `${seconds(phone.unthrottled.median[key])} | ${all(phone.unthrottled, key)} |`,
    ),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, dynamodb: { type: "string" }, dir: { type: "string" } },
  });
  const phone = await consolePhone({
    runs: values.runs ? Number(values.runs) : undefined,
    dynamodbEndpoint: values.dynamodb,
    consoleDir: values.dir && resolve(values.dir),
    log: console.log,
  });
  console.log(consolePhoneMarkdown(phone).join("\n"));
  console.log(JSON.stringify(phone, null, 2));
}
