// Shared by the browser tests: a copy of the example site served by `gloss serve`, Chromium
// launched from Debian's package, contrast arithmetic, screenshots.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(REPO, "target/screenshots");
export const GLOSS = join(REPO, "target/release/gloss");

/** Fails loudly, never skips, when there is no browser to test with. */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (Debian/Ubuntu: apt-get install -y chromium) ` +
        "or set CHROMIUM to its path. The browser tests never pass without a browser.",
    );
  }
}

/** Starts `gloss serve` on a free port over a temporary copy of the example site. */
export async function serveExampleSite() {
  const root = mkdtempSync(join(tmpdir(), "gloss-browser-"));
  for (const part of ["site.toml", "content", "templates", "static"]) {
    if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(root, part), { recursive: true });
  }
  const child = spawn(GLOSS, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gloss serve did not start:\n${log}`)), 60_000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const match = log.match(/Serving the site at (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`gloss serve exited (${code}):\n${log}`)));
  });
  return { root, url, log: () => log, stop: () => child.kill() };
}

/** Chromium as this machine allows it: headless, no sandbox (root), no background traffic. */
export async function launch() {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A 1×1 transparent PNG, served for images of other sites. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/**
 * A page that records console errors, page errors and failed requests. Requests to other
 * hosts (articles hotlink their photos from news sites) never leave the machine: images get a
 * placeholder, anything else an empty answer, so the tests are the same offline and online and
 * every failure recorded is the site's own.
 */
export async function watchedPage(context, siteUrl) {
  const site = new URL(siteUrl);
  await context.route(
    (url) => url.host !== site.host,
    (route) =>
      route.request().resourceType() === "image"
        ? route.fulfill({ status: 200, contentType: "image/png", body: PIXEL })
        : route.fulfill({ status: 204, body: "" }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** WCAG relative luminance of `rgb(r, g, b)`. */
function luminance([r, g, b]) {
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour of `selector` and the first opaque background behind it, as [r, g, b]. */
export async function colours(page, selector) {
  return page.$eval(selector, (element) => {
    const parse = (value) => (value.match(/[\d.]+/g) || []).map(Number);
    const text = parse(getComputedStyle(element).color).slice(0, 3);
    let node = element;
    while (node) {
      const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
      if (a > 0.99 && r !== undefined) return { text, background: [r, g, b] };
      node = node.parentElement;
    }
    return { text, background: [255, 255, 255] };
  });
}
