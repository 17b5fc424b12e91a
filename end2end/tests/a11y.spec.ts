import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { login, waitForHydration } from "./helpers";

// Serious and critical WCAG 2.1 A/AA problems fail the test; minor ones are reported only.
async function audit(page: import("@playwright/test").Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${what}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("public pages pass an axe audit", async ({ page }) => {
  for (const path of ["/", "/portal/agencies/SCJG", "/portal/verify", "/portal/verify?code=0000-0000", "/portal/complaints", "/portal/complaints/status?no=TS20261126-00000000", "/portal/requests/status?no=GS20261126-00000000", "/portal/decisions", "/portal/inspections/verify", "/portal/inspections/verify?code=JC20261204-0000000000000000", "/portal/enterprise", "/portal/enterprise?code=JD0000000000000000", "/portal/draws/999999", "/portal/circulars", "/login", "/no-such-page"]) {
    await page.goto(path);
    await waitForHydration(page);
    await audit(page, path);
  }
});

test("staff pages pass an axe audit", async ({ page }) => {
  await login(page, "admin");
  await expect(page).toHaveURL(/\/work$/);
  for (const path of ["/work", "/work/agencies", "/work/users", "/work/audit", "/admin/agencies", "/admin/users", "/admin/catalogs", "/work/review-figures", "/work/warnings", "/work/matters", "/work/complaints", "/work/publication-requests", "/work/statistics", "/work/inspections", "/work/coercive", "/work/signals", "/work/clues", "/work/oversight", "/work/notices", "/work/file-reviews", "/account"]) {
    await page.goto(path);
    await waitForHydration(page);
    await audit(page, path);
  }
});

test("correction and removal request pages pass an axe audit", async ({ page }) => {
  await page.goto("/portal/decisions");
  await page.getByTestId("decision-link").first().click();
  await waitForHydration(page);
  await audit(page, "decision page");
  await page.getByTestId("decision-request-link").click();
  await waitForHydration(page);
  await audit(page, "request form");
  await login(page, "head.scjg");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/publication-requests");
  await waitForHydration(page);
  await audit(page, "/work/publication-requests (head)");
});

test("case pages pass an axe audit", async ({ page }) => {
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/cases");
  await waitForHydration(page);
  await audit(page, "/work/cases");
  const first = await page.getByTestId("case-row").first().locator("a").getAttribute("href");
  for (const path of [`${first}`, `${first}?tab=parties`, `${first}?tab=evidence`, `${first}?tab=documents`, "/work/cases/new", "/work/cases/summary", "/work/clues"]) {
    await page.goto(path);
    await waitForHydration(page);
    await audit(page, path);
  }
});

test("legal review pages pass an axe audit", async ({ page }) => {
  await login(page, "reviewer.sun");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/reviews");
  await waitForHydration(page);
  await audit(page, "/work/reviews");
  const first = await page.getByTestId("queue-link").first().getAttribute("href");
  await page.goto(`${first}`);
  await waitForHydration(page);
  await expect(page.getByTestId("checklist")).toBeVisible();
  await audit(page, `${first}`);
});

test("the login form works with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByTestId("login-username").focus();
  await page.keyboard.type("officer.zhang");
  await page.keyboard.press("Tab");
  await page.keyboard.type(process.env.TIANPING_DEMO_PASSWORD ?? "Tianping-Demo-2026");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/work$/);
});
