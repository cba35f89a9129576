// Headless Chromium for the web app tests (Debian's /usr/bin/chromium driven by playwright-core;
// CHROMIUM_PATH overrides): collects console errors, page errors and every request, audits a page
// for basic accessibility, and saves screenshots into the git-ignored test/.artifacts/web.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const SCREENSHOT_DIR = fileURLToPath(new URL("../.artifacts/web/", import.meta.url));

export type BrowserSession = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and failed requests, in order. */
  errors: string[];
  requests: string[];
  screenshot: (name: string, options?: { fullPage?: boolean }) => Promise<void>;
  close: () => Promise<void>;
};

export async function openBrowser({ baseURL, width = 1280, height = 900 }: { baseURL: string; width?: number; height?: number }): Promise<BrowserSession> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const context = await browser.newContext({ baseURL, viewport: { width, height }, locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  watchPage(page, { errors, requests });
  return {
    browser,
    context,
    page,
    errors,
    requests,
    screenshot: async (name, { fullPage = true } = {}) => {
      await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage });
    },
    close: () => browser.close(),
  };
}

/** Records the page's console errors, uncaught errors, failed requests and every request URL. */
export function watchPage(page: Page, { errors, requests }: { errors: string[]; requests: string[] }): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && errors.push(`worker console: ${m.text()}`)));
  // A navigation cancels the previous page's polls (ERR_ABORTED): not a failure of the app.
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" && errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("request", (r) => requests.push(r.url()));
}

/**
 * Basic accessibility checks a page must pass: one h1, a language, every form control labelled,
 * every button and link named, every image with alt text, nothing wider than the viewport.
 */
export async function auditPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page. Structural types for the few DOM parts used (the tests compile without the DOM library).
    type El = {
      outerHTML: string;
      textContent: string | null;
      type?: string;
      src?: string;
      labels?: { length: number } | null;
      offsetParent?: unknown;
      getAttribute(name: string): string | null;
      hasAttribute(name: string): boolean;
      closest(selector: string): El | null;
    };
    const { document, window } = globalThis as unknown as {
      document: { documentElement: { lang: string; scrollWidth: number }; querySelectorAll(selector: string): ArrayLike<El> };
      window: { innerWidth: number };
    };
    const all = (selector: string) => Array.from(document.querySelectorAll(selector));
    const problems: string[] = [];
    const visible = (el: El) => el.offsetParent !== null || el.closest("dialog[open]") !== null;
    if (!document.documentElement.lang) problems.push("<html> has no lang");
    const h1 = all("h1").length;
    if (h1 !== 1) problems.push(`${h1} h1 elements`);
    for (const el of all("input, select, textarea")) {
      if (el.type === "hidden" || !visible(el)) continue;
      if (!el.labels?.length && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")) problems.push(`unlabelled ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of all("button, a[href]")) {
      if (!visible(el)) continue;
      if (!el.textContent?.trim() && !el.getAttribute("aria-label")) problems.push(`unnamed ${el.outerHTML.slice(0, 80)}`);
    }
    for (const img of all("img")) if (!img.hasAttribute("alt")) problems.push(`image without alt ${img.src}`);
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
    return problems;
  });
}
