// Temporary: screenshots of this stop's new pages (deleted after use).
import { chromium } from "playwright-core";
const base = process.env.BASE;
const out = process.env.OUT;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function login(page, user, pw) {
  await page.goto(`${base}/login`);
  await page.fill("[data-test=login-username]", user);
  await page.fill("[data-test=login-password]", pw);
  await page.click("[data-test=login-submit]");
  await page.waitForTimeout(1500);
}
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
// Admin creates an account through the API, then its owner signs in in the browser.
const admin = await (await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "Tianping-Demo-2026" }) })).json();
const created = await fetch(`${base}/api/v1/users`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ username: "officer.new", display_name: "新同事", role: "officer", agency_code: "SCJG", password: "Set-By-Admin-2026" }) });
console.log("create", created.status);
await login(page, "officer.new", "Set-By-Admin-2026");
await page.goto(`${base}/work/cases`);
await page.waitForTimeout(1500);
console.log("landed on", page.url());
await page.screenshot({ path: `${out}/forced-change.png`, fullPage: true });
const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const p2 = await ctx2.newPage();
await login(p2, "admin", "Tianping-Demo-2026");
await p2.goto(`${base}/admin/users`);
await p2.waitForTimeout(2500);
await p2.click("[data-test=issue-api-token]");
await p2.waitForTimeout(1500);
await p2.screenshot({ path: `${out}/api-token.png`, fullPage: false });
const ctx3 = await browser.newContext({ viewport: { width: 390, height: 800 } });
const p3 = await ctx3.newPage();
for (let i = 0; i < 4; i++) await p3.goto(`${base}/portal/complaints/status?no=TS20261126-0000000000000000`);
await p3.screenshot({ path: `${out}/lookup-limit.png`, fullPage: true });
await p3.goto(`${base}/portal/verify`);
await p3.screenshot({ path: `${out}/verify.png`, fullPage: true });
await browser.close();
