// The default theme's promises, checked in headless Chromium against the example site served by
// `gloss serve`: tooltips (hover, keyboard, Escape, touch, inside the viewport), timelines in
// date order, dark-mode contrast, no console errors or failed requests, no horizontal scroll
// on a phone, no serious accessibility violations (axe-core), and live reload.
import assert from "node:assert/strict";
import { appendFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { colours, contrast, launch, requireChromium, screenshot, serveExampleSite, watchedPage } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 700 };

requireChromium();
let server;
let browser;
let seedFile;
let seedPath;

before(async () => {
  server = await serveExampleSite();
  browser = await launch();
  // The seed article: the example site's top-level article.
  seedFile = readdirSync(join(server.root, "content")).find((f) => /^\d{4}-\d{2}-\d{2}-.*\.md$/.test(f));
  seedPath = encodeURI(`${seedFile.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, "")}/`);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const url = (path = "") => new URL(path, server.url).toString();

async function open(path, { viewport = DESKTOP, colorScheme = "light", touch = false } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, hasTouch: touch, isMobile: touch });
  const { page, problems } = await watchedPage(context, server.url);
  await page.goto(url(path), { waitUntil: "load" });
  return { context, page, problems };
}

/** The tooltip a term link points at. */
async function tipOf(page, term) {
  const id = await term.getAttribute("aria-describedby");
  assert.ok(id, "a term link names its tooltip with aria-describedby");
  return page.locator(`[id="${id}"]`);
}

async function assertInsideViewport(page, tip, label) {
  const box = await tip.boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${label}: the tooltip has a box`);
  assert.ok(box.x >= 0 && box.x + box.width <= width, `${label}: x ${box.x}..${box.x + box.width} outside 0..${width}`);
  assert.ok(box.y >= 0 && box.y + box.height <= height, `${label}: y ${box.y}..${box.y + box.height} outside 0..${height}`);
}

describe("glossary tooltips", () => {
  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`show on hover and stay inside the viewport (${name})`, async () => {
      const { context, page, problems } = await open(seedPath, { viewport });
      const terms = page.locator("article a.term");
      const count = await terms.count();
      assert.ok(count >= 2, `the seed article links glossary terms (${count})`);
      // The leftmost and the rightmost term: a tooltip near an edge must be shifted inside.
      const boxes = [];
      for (let i = 0; i < count; i++) boxes.push({ i, box: await terms.nth(i).boundingBox() });
      const visible = boxes.filter((b) => b.box);
      const byX = visible.sort((a, b) => a.box.x - b.box.x);
      for (const { i } of [byX[0], byX[byX.length - 1]]) {
        const term = terms.nth(i);
        await term.scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, -window.innerHeight / 3));
        await term.hover();
        const tip = await tipOf(page, term);
        await tip.waitFor({ state: "visible" });
        await assertInsideViewport(page, tip, `term ${i} (${name})`);
      }
      await screenshot(page, `article-tooltip-${name}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test("show on keyboard focus and hide on Escape", async () => {
    const { context, page } = await open(seedPath);
    let focused = null;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.matches("a.term"))) focused = page.locator(":focus");
    }
    assert.ok(focused, "Tab reaches a term link");
    const tip = await tipOf(page, focused);
    await tip.waitFor({ state: "visible" });
    await assertInsideViewport(page, tip, "focused term");
    await page.keyboard.press("Escape");
    await tip.waitFor({ state: "hidden" });
    await context.close();
  });

  test("show on the first tap on a touch screen", async () => {
    const { context, page } = await open(seedPath, { viewport: PHONE, touch: true });
    const term = page.locator("article a.term").first();
    await term.scrollIntoViewIfNeeded();
    const before = page.url();
    await term.tap();
    const tip = await tipOf(page, term);
    await tip.waitFor({ state: "visible" });
    assert.equal(page.url(), before, "the first tap shows the definition instead of leaving");
    assert.ok((await tip.innerText()).trim().length > 5, "the definition is shown");
    await context.close();
  });
});

/** The `datetime` values of `selector`, which must be visible and non-empty. */
async function dates(page, selector) {
  const times = page.locator(selector);
  const count = await times.count();
  const values = [];
  for (let i = 0; i < count; i++) {
    const time = times.nth(i);
    assert.ok(await time.isVisible(), `date ${i} is visible`);
    assert.ok((await time.innerText()).trim().length > 0, `date ${i} has text`);
    values.push(await time.getAttribute("datetime"));
  }
  return values;
}

describe("timelines", () => {
  test("the article timeline is in date order with visible dates", async () => {
    const { context, page } = await open(seedPath);
    const values = await dates(page, ".timeline time[datetime]");
    assert.ok(values.length >= 2, `the seed article has a timeline (${values.length} dates)`);
    assert.deepEqual(values, [...values].sort(), "chronological");
    await context.close();
  });

  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`/timeline/ is in date order (${name})`, async () => {
      const { context, page, problems } = await open("timeline/", { viewport });
      const values = await dates(page, "main time[datetime]");
      assert.ok(values.length >= 3, `the site timeline has events (${values.length})`);
      assert.deepEqual(values, [...values].sort(), "chronological");
      await screenshot(page, `timeline-${name}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

describe("pages", () => {
  const pages = () => [["home", ""], ["article", seedPath], ["timeline", "timeline/"], ["glossary", "glossary/"]];

  test("have no console errors, failed requests or horizontal scrolling on a phone", async () => {
    for (const [name, path] of pages()) {
      const { context, page, problems } = await open(path, { viewport: PHONE });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at 375px`);
      assert.deepEqual(problems, [], name);
      if (name === "home") await screenshot(page, "home-phone");
      await context.close();
    }
    const { context, page } = await open("");
    await screenshot(page, "home-desktop");
    await context.close();
  });

  test("keep text contrast at 4.5:1 or more in dark mode", async () => {
    const { context, page } = await open(seedPath, { colorScheme: "dark" });
    for (const selector of ["article p", ".site-title", "article a.term"]) {
      const { text, background } = await colours(page, selector);
      const ratio = contrast(text, background);
      assert.ok(ratio >= 4.5, `${selector}: ${ratio.toFixed(2)}:1 (${text} on ${background})`);
    }
    const term = page.locator("article a.term").first();
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    const tip = await tipOf(page, term);
    await tip.waitFor({ state: "visible" });
    const id = await term.getAttribute("aria-describedby");
    const { text, background } = await colours(page, `[id="${id}"]`);
    const ratio = contrast(text, background);
    assert.ok(ratio >= 4.5, `tooltip: ${ratio.toFixed(2)}:1 (${text} on ${background})`);
    await screenshot(page, "article-dark");
    await context.close();
  });

  test("have no serious or critical accessibility violations (axe-core)", async () => {
    const { context, page } = await open("");
    const termPath = await page.evaluate(async (articlePath) => {
      const response = await fetch(articlePath);
      const html = await response.text();
      return new DOMParser().parseFromString(html, "text/html").querySelector("article a.term")?.getAttribute("href");
    }, url(seedPath));
    assert.ok(termPath, "the seed article links a term page");
    const targets = [...pages(), ["term", new URL(termPath, url()).pathname.replace(new URL(server.url).pathname, "")]];
    for (const [name, path] of targets) {
      await page.goto(url(path), { waitUntil: "load" });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document);
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      assert.deepEqual(violations, [], `${name}: ${violations.join("\n")}`);
    }
    await context.close();
  });
});

describe("gloss serve", () => {
  test("saving an article reloads an open page by itself", async () => {
    const { context, page } = await open(seedPath);
    await page.evaluate(() => {
      window.__beforeReload = true;
    });
    const marker = `live-reload-marker-${Date.now()}`;
    const reloaded = page.waitForEvent("load", { timeout: 10_000 });
    appendFileSync(join(server.root, "content", seedFile), `\n\n${marker}\n`);
    await reloaded;
    await page.waitForSelector(`text=${marker}`, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.__beforeReload), undefined, "the page was reloaded");
    await context.close();
  });
});
