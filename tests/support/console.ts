/**
 * What every console journey shares: the console built once per source tree
 * (the first test file builds it into a cache, the others wait for it), a
 * local server serving it over DynamoDB Local with the demo data, Debian's
 * Chromium, and small page helpers. A journey file calls `consoleJourney()`
 * at top level; it registers the hooks and hands back what the tests need.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { seedDemo, type DemoInfo } from "../../scripts/local/seed.js";
import { startTestServer, type TestServer } from "./server.js";

const ROOT = resolve(import.meta.dirname, "../..");
export const SCREENSHOTS = join(ROOT, "test-results", "e2e");
/** How long another test file may take to build the console. */
const BUILD_TIMEOUT = 300_000;
/**
 * How long the UI may take to show something, for every wait on a page: a
 * busy 2-core machine. Tests and hooks themselves take vitest.config's timeouts.
 */
export const UI_TIMEOUT = 60_000;

export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT, interval: 250 });

/** A hash of everything the console build reads: its sources and the schema it captures. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name === "dist") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["admin", "graphql"]) walk(join(ROOT, dir));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The console built for production, once per source tree: the first caller
 * takes a lock (mkdir is atomic) and builds; the others wait for its "done" mark.
 */
export async function builtConsole(): Promise<string> {
  const cache = join(ROOT, "node_modules", ".cache", "regulars-console", sourceHash());
  const done = join(cache, ".done");
  const lock = `${cache}.lock`;
  mkdirSync(join(ROOT, "node_modules", ".cache", "regulars-console"), { recursive: true });
  for (const started = Date.now(); !existsSync(done);) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Another file is building; a lock older than the setup timeout is from a dead run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > BUILD_TIMEOUT)
        rmSync(lock, { recursive: true, force: true });
    }
    if (mine) {
      try {
        if (!existsSync(done)) {
          const nodeEnv = process.env.NODE_ENV;
          process.env.NODE_ENV = "production";
          try {
            await build({
              configFile: join(ROOT, "admin", "vite.config.ts"),
              mode: "production",
              logLevel: "warn",
              build: { outDir: cache, emptyOutDir: true },
            });
          } finally {
            process.env.NODE_ENV = nodeEnv;
          }
          writeFileSync(done, new Date().toISOString());
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      if (Date.now() - started > BUILD_TIMEOUT)
        throw new Error("Timed out waiting for another test file to build the console");
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
  }
  return cache;
}

/** Debian's Chromium (CHROMIUM_PATH to use another), headless, quiet: no background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Styles every journey page gets: things jump to where they end up instead of moving there. */
const NO_MOTION =
  "*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }";

export interface ConsoleJourney {
  readonly server: TestServer;
  readonly demo: DemoInfo;
  /** A fresh browser context (closed after each test; close it sooner with page.context().close()) on the console's front page. */
  /** A console page; `touch` makes it a phone (touch events, mobile viewport) as a clerk's is. */
  openConsole(options?: {
    width?: number;
    height?: number;
    locale?: string;
    acceptDownloads?: boolean;
    touch?: boolean;
  }): Promise<Page>;
}

/** Register the hooks of a console journey file: build, server, demo data, browser; cleaned up after. */
export function consoleJourney(seed: Parameters<typeof seedDemo>[1] = {}): ConsoleJourney {
  let server: TestServer;
  let demo: DemoInfo;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const consoleDir = await builtConsole();
    server = await startTestServer({ staticDir: consoleDir });
    // The holdout history (hundreds of past actions and purchases) and the month of non-members' orders only where
    // a journey asks for them.
    demo = await seedDemo(server.db, { holdoutHistory: false, walkIns: false, ...seed });
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server;
    },
    get demo() {
      return demo;
    },
    async openConsole(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
        locale: options.locale ?? "zh-CN",
        acceptDownloads: options.acceptDownloads,
        ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
      });
      contexts.push(context);
      // No animations or transitions: a page that has reached its state stops repainting (CPU for the other tests).
      await context.addInitScript((css) => {
        const style = () => document.head.append(Object.assign(document.createElement("style"), { textContent: css }));
        if (document.head) style();
        else document.addEventListener("DOMContentLoaded", style);
      }, NO_MOTION);
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT);
      page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
      await page.goto(server.url);
      return page;
    },
  };
}

const MEMBER_LIST = /#\/members/;
/** The console's home: the dashboard for owners and managers. */
export const HOME = /#\/$/;

/**
 * Sign in on the console's form and wait for the landing page. Owners and
 * managers land on the dashboard; journeys that expect the member list (the
 * default) are taken on to it, as if from the menu.
 */
export async function logIn(page: Page, username: string, password: string, landing: RegExp = MEMBER_LIST) {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  if (landing !== MEMBER_LIST) return void (await page.waitForURL(landing));
  await page.waitForURL((url) => MEMBER_LIST.test(url.href) || HOME.test(url.href));
  if (!MEMBER_LIST.test(page.url())) await page.evaluate(() => void (window.location.hash = "#/members"));
  await page.waitForURL(MEMBER_LIST);
}

/** A screenshot in test-results: the whole page, or with `fullPage: false` what the screen shows (a dialog). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** The texts of one column of the list on the page, by its header. */
export async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await page.locator("thead th").allInnerTexts();
  const index = headers.findIndex((text) => text.trim() === header);
  expect(index, `column ${header} in ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return page.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
}

/**
 * Wait until a list page has loaded: its rows, or the empty page. While the
 * list loads, react-admin shows the toolbar's 新建 button; an empty list then
 * replaces it with the empty page's own, so a click in between hits nothing.
 */
export async function listLoaded(page: Page) {
  await page.locator(".RaEmpty-message, .RaDataTable-rowEven, .RaDataTable-rowOdd").first().waitFor();
}

/**
 * Open a resource's create page with the list's 新建 button, as a user does
 * once the list is there. The page before (say the member list, which has a
 * 新建 of its own) can stay on screen while the new list's code loads, so the
 * button is found by where it leads: once it shows, the new list has replaced the old.
 */
export async function openCreate(page: Page, resource: string) {
  await page.waitForURL(new RegExp(`#/${resource}(\\?|$)`));
  const create = page.locator(`a[href="#/${resource}/create"]`);
  await create.first().waitFor();
  await listLoaded(page);
  await create.click();
  await page.waitForURL(new RegExp(`#/${resource}/create`));
}

/**
 * The console's calls of one GraphQL operation from now on: a wait until
 * every one of them has been answered. A test that
 * asserts what did *not* happen (a second order from a double click) waits
 * for this rather than for a while.
 */
export function callsOf(page: Page, operation: string) {
  let sent = 0;
  let answered = 0;
  const isMine = (request: Request) =>
    request.url().endsWith("/graphql") && (request.postData() ?? "").includes(operation);
  page.on("request", (request) => void (isMine(request) && sent++));
  const onAnswer = (request: Request) => void (isMine(request) && answered++);
  page.on("requestfinished", onAnswer);
  page.on("requestfailed", onAnswer);
  return {
    /** Wait until at least one call was sent and every call sent has been answered; how many were sent. */
    answered: async () => {
      await poll(() => sent > 0 && answered === sent).toBe(true);
      return sent;
    },
  };
}

/** Pick an option of a labelled select. */
export async function choose(page: Page, label: string, option: string | RegExp, exact = false) {
  await page.getByRole("combobox", { name: label }).click();
  await page
    .getByRole("option", { name: option, exact: exact || undefined })
    .first()
    .click();
}

/**
 * Switch the console's language with the app bar's locale menu. The app bar
 * hides while the page is scrolled down, so go back to the top first.
 */
export async function switchLanguage(page: Page, from: string, to: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("button", { name: from }).click();
  await page.getByRole("menuitem", { name: to }).click();
}

/** Hands out demo members to journeys, each member to one journey only, so journeys never trip over each other's changes. */
export function memberPicker<M extends { id: string }>(list: (token: string) => Promise<M[]>) {
  const used = new Set<string>();
  return async (token: string, fits: (member: M) => boolean = () => true): Promise<M> => {
    const member = (await list(token)).find((candidate) => !used.has(candidate.id) && fits(candidate));
    expect(member, "a demo member for this journey").toBeDefined();
    used.add(member!.id);
    return member!;
  };
}
