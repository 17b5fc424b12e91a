// Developer tool: screenshots of pages as each role sees them (not part of the test suite).
// Usage: BASE_URL=http://127.0.0.1:3005 node screenshots.mjs OUTDIR user:path[,path] ...
import { chromium } from "@playwright/test";
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const password = process.env.TIANPING_DEMO_PASSWORD ?? "Tianping-Demo-2026";
const [outDir, ...jobs] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const job of jobs) {
  const [who, paths, width] = job.split(":");
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: Number(width ?? 1280), height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log("PAGEERROR", who, String(e)));
  if (who !== "anon") {
    await page.goto(`${base}/login`);
    await page.waitForFunction(() => window.__tianping_hydrated === true);
    await page.fill('[data-test="login-username"]', who);
    await page.fill('[data-test="login-password"]', password);
    await page.click('[data-test="login-submit"]');
    await page.waitForURL(/\/work/);
  }
  for (const p of paths.split(",")) {
    const res = await page.goto(`${base}${p}`);
    await page.waitForTimeout(500);
    const file = `${outDir}/${who}${p.replaceAll("/", "_")}-${width ?? 1280}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(res?.status(), file);
  }
  await context.close();
}
await browser.close();
