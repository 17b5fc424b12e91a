// Benchmark of a first visit (issue 22): for each kind of page, what the browser downloads of the
// application bundle (the shell's wasm and the chunks of the page, split by `cargo leptos build
// --split`) raw and as transferred (brotli), and the time until the page is interactive on a
// throttled phone profile (1.6 Mbps, 150 ms round trip, CPU 4x slower), with an empty cache.
//
// Usage: BASE_URL=http://127.0.0.1:3100 node first-visit.mjs
// Fails (exit 1) when a page loads more wasm than WASM_BUDGET_BR bytes of brotli in all, or when
// a page does not become interactive within TTI_LIMIT_MS (default: no limit, figures only).
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3100";
const password = process.env.TIANPING_DEMO_PASSWORD ?? "Tianping-Demo-2026";
const budget = Number(process.env.WASM_BUDGET_BR ?? 300_000);
const ttiLimit = Number(process.env.TTI_LIMIT_MS ?? 0);

// The kinds of page a first visit lands on: the public portal's, and the staff's after sign-in.
const pages = [
  { who: "anon", path: "/", kind: "portal home" },
  { who: "anon", path: "/portal/decisions", kind: "public search" },
  { who: "anon", path: "/portal/complaints", kind: "complaint form" },
  { who: "anon", path: "/login", kind: "sign-in" },
  { who: "officer.zhang", path: "/work", kind: "officer's day" },
  { who: "officer.zhang", path: "/work/cases", kind: "case list" },
  { who: "officer.zhang", path: "/work/cases/:first", kind: "case page" },
  { who: "supervisor.wu", path: "/work/signals", kind: "supervision signals" },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function signIn(context, who) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.waitForFunction(() => window.__tianping_hydrated === true, null, { timeout: 60_000 });
  await page.fill('[data-test="login-username"]', who);
  await page.fill('[data-test="login-password"]', password);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL(/\/work/);
  await page.close();
}

const rows = [];
let failed = false;
// The first case of the signed-in officer's list (the demo's ids are not fixed).
async function firstCase(context) {
  const page = await context.newPage();
  await page.goto(`${base}/work/cases`);
  const hrefs = await page.locator('a[href^="/work/cases/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  await page.close();
  const href = hrefs.find((h) => /^\/work\/cases\/\d+$/.test(h));
  if (!href) throw new Error("no case in the officer's list");
  return href;
}

for (const { who, path: wanted, kind } of pages) {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  if (who !== "anon") await signIn(context, who);
  const path = wanted === "/work/cases/:first" ? await firstCase(context) : wanted;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const urls = new Map();
  const wasm = { raw: 0, wire: 0, files: 0 };
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId) ?? "";
    if (url.includes("/pkg/") && url.endsWith(".wasm")) {
      wasm.wire += e.encodedDataLength;
      wasm.files += 1;
    }
  });
  page.on("response", async (r) => {
    if (r.url().includes("/pkg/") && r.url().endsWith(".wasm")) {
      try { wasm.raw += (await r.body()).length; } catch { /* navigated away */ }
    }
  });
  const started = Date.now();
  const response = await page.goto(`${base}${path}`);
  let tti = null;
  try {
    await page.waitForFunction(() => window.__tianping_hydrated === true, null, { timeout: 90_000 });
    tti = Date.now() - started;
  } catch { /* reported below */ }
  await page.waitForTimeout(300);
  rows.push({ kind, path, status: response?.status(), files: wasm.files, raw: wasm.raw, wire: wasm.wire, tti });
  if (wasm.wire > budget) failed = true;
  if (tti === null || (ttiLimit > 0 && tti > ttiLimit)) failed = true;
  await context.close();
}
await browser.close();

const pad = (s, n) => String(s).padEnd(n);
const num = (v, n) => String(v).padStart(n);
console.log(`${pad("page", 22)} ${pad("path", 20)} ${num("status", 6)} ${num("wasm files", 10)} ${num("wasm raw", 10)} ${num("wasm wire", 10)} ${num("interactive ms", 15)}`);
for (const r of rows) {
  console.log(`${pad(r.kind, 22)} ${pad(r.path, 20)} ${num(r.status, 6)} ${num(r.files, 10)} ${num(r.raw, 10)} ${num(r.wire, 10)} ${num(r.tti ?? "never", 15)}`);
}
const largest = Math.max(...rows.map((r) => r.wire));
console.log(`largest wasm a page loads: ${largest} bytes on the wire (budget ${budget}); throttled: 1.6 Mbps, 150 ms, CPU 4x`);
if (failed) {
  console.error("FAIL: a page is over the wasm budget or did not become interactive" + (ttiLimit ? ` within ${ttiLimit} ms` : ""));
  process.exit(1);
}
