// Opens futurelens' HTML in headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) with
// playwright-core, and checks what a reader would see. Input: a manifest (JSON) written by the
// Rust test that runs this script:
//   { "screenshots": DIR,
//     "pages": [{ "name", "html", "json" }],        // `futurelens page` and `analyze --format json`
//     "mermaid": { "script": PATH, "diagrams": [{ "name", "text" }] },
//     "book": { "pages": [PATH], "widgets": N } }   // the built example book
// Every check that fails is printed; the exit code is the number of failures (capped at 100).

import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log("FAIL " + what);
};
mkdirSync(manifest.screenshots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

/// A page that records console errors, uncaught exceptions and any request that leaves the disk.
async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push("console error: " + m.text());
  });
  page.on("pageerror", (e) => errors.push("uncaught: " + e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:") && !r.url().startsWith("about:")) {
      errors.push("request outside the file: " + r.url());
    }
  });
  await page.goto(url);
  return { page, context, errors };
}

function multiset(list) {
  return JSON.stringify([...list].sort());
}

async function checkPage(entry) {
  const doc = JSON.parse(readFileSync(entry.json, "utf8"));
  const { page, context, errors } = await open(pathToFileURL(entry.html).href);
  const futures = doc.futures;
  const articles = await page.locator(".fl-future").count();
  if (articles !== futures.length) fail(`${entry.name}: ${articles} futures shown, the JSON has ${futures.length}`);
  let clicks = 0;
  for (let i = 0; i < futures.length; i++) {
    const f = futures[i];
    const where = `${entry.name} ${f.name}`;
    if (futures.length > 1) await page.selectOption(".fl-pick", String(i));
    const article = page.locator(`.fl-future[data-future="${i}"]`);
    if (!(await article.isVisible())) fail(`${where}: not shown after picking it`);
    for (const part of [".fl-graph svg", ".fl-bytes svg"]) {
      const box = await article.locator(part).boundingBox();
      if (!box || box.width < 50 || box.height < 50) fail(`${where}: ${part} missing or empty`);
    }
    const others = await page.locator(".fl-future:visible").count();
    if (others !== 1) fail(`${where}: ${others} futures visible at once`);
    for (const state of f.states) {
      await article.locator(`.fl-sbtn[data-state="${state.name}"]`).click();
      clicks++;
      // What the click changed, read in one go.
      const seen = await page.evaluate(
        ({ fi, name }) => {
          const art = document.querySelector(`.fl-future[data-future="${fi}"]`);
          const node = art.querySelector(`.fl-node[data-state="${name}"]`);
          return {
            bytes: [...art.querySelectorAll(".fl-layout .fl-field.fl-hl")].map((n) => [
              n.getAttribute("data-field"),
              n.getAttribute("data-state"),
            ]),
            marked: [...document.querySelectorAll(".fl-source .fl-mark.fl-hl")].map((n) => n.textContent).join(" "),
            pressed: [...art.querySelectorAll('.fl-sbtn[aria-pressed="true"]')].map((n) => n.getAttribute("data-state")),
            node: node ? node.classList.contains("fl-sel") : null,
          };
        },
        { fi: i, name: state.name },
      );
      const expected = state.fields.map((x) => x.name);
      const bytes = seen.bytes.map((b) => b[0]);
      if (multiset(bytes) !== multiset(expected)) {
        fail(`${where} ${state.name}: layout highlights ${multiset(bytes)}, the JSON names ${multiset(expected)}`);
      }
      const wrong = seen.bytes.filter((b) => b[1] !== state.name).length;
      if (wrong) fail(`${where} ${state.name}: ${wrong} highlighted fields belong to another state`);
      for (const x of state.fields) {
        // A named value's declaration holds its name: `let name`, an argument `id: u32` (a
        // loop's iterator is rustc's `iter`, declared by the loop's expression).
        const named = /^[A-Za-z][A-Za-z0-9_]*$/.test(x.name) && x.reason.kind !== "loop_iterator";
        if (named && !seen.marked.includes(x.name)) {
          fail(`${where} ${state.name}: \`${x.name}\` is not highlighted in the source (highlighted: ${seen.marked})`);
        }
      }
      if (!state.fields.length && seen.marked.length) {
        fail(`${where} ${state.name}: keeps nothing, yet ${seen.marked} is highlighted`);
      }
      if (multiset(seen.pressed) !== multiset([state.name])) fail(`${where} ${state.name}: pressed buttons ${seen.pressed}`);
      if (seen.node === false) fail(`${where} ${state.name}: its graph node is not marked`);
    }
    // Clicking a state in the layout picture works like its button.
    const last = f.states[f.states.length - 1].name;
    await article.locator(`.fl-layout .fl-state[data-state="${last}"] text`).first().click();
    if ((await article.locator(`.fl-sbtn[data-state="${last}"]`).getAttribute("aria-pressed")) !== "true") {
      fail(`${where}: clicking ${last}'s row of the layout does not select it`);
    }
    // Hovering a field says why it is kept.
    const field = article.locator(".fl-layout .fl-field rect.fl-box").first();
    if (await field.count()) {
      await field.hover({ force: true });
      const said = await article.locator(".fl-info").textContent();
      const why = f.states.flatMap((s) => s.fields).length;
      if (why && !/:/.test(said)) fail(`${where}: hovering a field shows no reason (${said})`);
    }
  }
  // The keyboard reaches the select box and every state button of the future shown.
  const biggest = futures.reduce((b, f, i) => (f.states.length > futures[b].states.length ? i : b), 0);
  if (futures.length > 1) await page.selectOption(".fl-pick", String(biggest));
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  const reached = new Set();
  for (let k = 0; k < 300; k++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      const art = a.closest(".fl-future");
      return [a.className.baseVal ?? a.className, a.getAttribute("data-state") || "", art ? art.dataset.future : ""].join("|");
    });
    if (id === null) break;
    if (reached.has(id)) break;
    reached.add(id);
  }
  const needed = futures[biggest].states.map((s) => `fl-sbtn|${s.name}|${biggest}`);
  if (futures.length > 1) needed.push("fl-pick||");
  for (const n of needed) {
    if (![...reached].includes(n)) fail(`${entry.name}: the keyboard never reaches ${n} (reached ${[...reached].join(", ")})`);
  }
  // Enter on a focused graph node selects its state.
  const nodeState = futures[biggest].states[0].name;
  const node = page.locator(`.fl-future[data-future="${biggest}"] .fl-node[data-state="${nodeState}"]`);
  if (await node.count()) {
    await node.first().focus();
    await page.keyboard.press("Enter");
    const pressed = await page
      .locator(`.fl-future[data-future="${biggest}"] .fl-sbtn[data-state="${nodeState}"]`)
      .getAttribute("aria-pressed");
    if (pressed !== "true") fail(`${entry.name}: Enter on the graph node ${nodeState} does not select it`);
  }
  const suspend = futures[biggest].states.find((s) => s.name.startsWith("Suspend")) || futures[biggest].states[0];
  await page.locator(`.fl-future[data-future="${biggest}"] .fl-sbtn[data-state="${suspend.name}"]`).click();
  await page.screenshot({ path: `${manifest.screenshots}/page-${entry.name}.png`, fullPage: true });
  for (const e of errors) fail(`${entry.name}: ${e}`);
  await context.close();

  // With scripts off, every future and both its pictures are there, one after the other.
  const off = await open(pathToFileURL(entry.html).href, { javaScriptEnabled: false });
  const shown = await off.page.locator(".fl-future:visible").count();
  if (shown !== futures.length) fail(`${entry.name} without scripts: ${shown} of ${futures.length} futures visible`);
  const pictures = await off.page.locator(".fl-future svg:visible").count();
  if (pictures !== 2 * futures.length) fail(`${entry.name} without scripts: ${pictures} pictures visible`);
  await off.context.close();
  return clicks;
}

async function checkMermaid(m) {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${pathToFileURL(m.script).href}"></script></head><body><div id="out"></div></body></html>`;
  const file = `${manifest.screenshots}/mermaid.html`;
  writeFileSync(file, html);
  const { page, context, errors } = await open(pathToFileURL(file).href);
  await page.waitForFunction(() => typeof window.mermaid !== "undefined");
  const results = await page.evaluate(async (diagrams) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const out = [];
    for (let i = 0; i < diagrams.length; i++) {
      const d = diagrams[i];
      try {
        await window.mermaid.parse(d.text);
        const { svg } = await window.mermaid.render("m" + i, d.text);
        document.getElementById("out").insertAdjacentHTML("beforeend", `<section><h3>${d.name}</h3>${svg}</section>`);
        out.push({ name: d.name, ok: svg.includes("<svg") && !svg.includes("Syntax error") });
      } catch (e) {
        out.push({ name: d.name, ok: false, error: String(e && e.message ? e.message : e) });
      }
    }
    return out;
  }, m.diagrams);
  for (const r of results) if (!r.ok) fail(`mermaid ${r.name}: ${r.error || "no diagram drawn"}`);
  await page.screenshot({ path: `${manifest.screenshots}/mermaid.png`, fullPage: true });
  for (const e of errors) fail(`mermaid: ${e}`);
  await context.close();
  return results.length;
}

async function checkBook(book) {
  let widgets = 0;
  for (const file of book.pages) {
    const { page, context, errors } = await open(pathToFileURL(file).href);
    const name = file.split("/").pop().replace(/\.html$/, "");
    const here = await page.locator(".fl-widget").count();
    widgets += here;
    for (let w = 0; w < here; w++) {
      const widget = page.locator(".fl-widget").nth(w);
      const svgs = await widget.locator("svg").count();
      if (!svgs) fail(`book ${name}: widget ${w} has no picture`);
      const button = widget.locator(".fl-future:visible .fl-sbtn").last();
      if (await button.count()) {
        await button.click();
        if ((await button.getAttribute("aria-pressed")) !== "true") fail(`book ${name}: widget ${w} does not respond`);
      }
    }
    const errorBoxes = await page.locator(".fl-error").count();
    if (errorBoxes !== (book.errors[name] || 0)) fail(`book ${name}: ${errorBoxes} error boxes, expected ${book.errors[name] || 0}`);
    await page.screenshot({ path: `${manifest.screenshots}/book-${name}.png`, fullPage: true });
    for (const e of errors) fail(`book ${name}: ${e}`);
    await context.close();
  }
  if (widgets < book.widgets) fail(`book: ${widgets} widgets, expected at least ${book.widgets}`);
  return widgets;
}

let summary = [];
try {
  if (manifest.pages) {
    // Three pages at a time, each in its own browser context.
    let clicks = 0;
    const queue = [...manifest.pages];
    const worker = async () => {
      while (queue.length) {
        const n = await checkPage(queue.shift());
        clicks += n;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    summary.push(`${manifest.pages.length} pages, ${clicks} states clicked`);
  }
  if (manifest.mermaid) summary.push(`${await checkMermaid(manifest.mermaid)} Mermaid diagrams`);
  if (manifest.book) summary.push(`${await checkBook(manifest.book)} book widgets`);
} catch (e) {
  fail("the browser test itself failed: " + (e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}
console.log(summary.join("; "));
console.log(`${failures.length === 0 ? "ok" : "FAILED"}: ${failures.length} failures`);
process.exit(Math.min(failures.length, 100));
