import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

test("a member of the public searches the decisions, opens one, downloads its PDF and verifies it by code", async ({ page }) => {
  test.setTimeout(120_000);
  const noErrors = failOnPageErrors(page);
  await page.goto("/");
  await page.getByTestId("decisions-link").click();
  await expect(page).toHaveURL(/\/portal\/decisions$/);
  const total = Number((await page.getByTestId("search-total").textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(0);

  // One character finds; a word that is nowhere finds nothing; hostile input is just text.
  await page.getByTestId("search-q").fill("罚");
  await page.getByTestId("search-submit").click();
  await expect(page).toHaveURL(/q=%E7%BD%9A/);
  await expect(page.getByTestId("decision-item").first()).toBeVisible();
  // The matched word is marked in the results (the decision numbers hold 罚).
  await expect(page.getByTestId("search-hit").first()).toHaveText("罚");
  // The rarer filters are folded away until asked for; a filter in use keeps them open.
  await expect(page.getByTestId("more-filters")).not.toHaveAttribute("open", "");
  await page.goto("/portal/decisions?party=organisation");
  await expect(page.getByTestId("more-filters")).toHaveAttribute("open", "");
  await page.getByTestId("search-q").fill("\"%' OR 1=1 --");
  await page.getByTestId("search-submit").click();
  await expect(page.getByTestId("search-empty")).toBeVisible();

  await page.goto("/portal/decisions");
  await page.getByTestId("decision-link").first().click();
  await expect(page).toHaveURL(/\/portal\/decisions\/\d+$/);
  await expect(page.getByTestId("decision")).toHaveAttribute("data-withdrawn", "false");
  await expect(page.getByTestId("decision-body")).not.toContainText(/\d{17}[\dX]/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("decision-pdf").click()]);
  const bytes = require("fs").readFileSync(await download.path());
  expect(bytes.subarray(0, 4).toString()).toBe("%PDF");

  await page.getByTestId("decision-code").click();
  await expect(page).toHaveURL(/\/portal\/verify\?code=/);
  await expect(page.getByTestId("verify-found")).toBeVisible();
  noErrors();
});

test("an officer compares and publishes a draft; the head withdraws a decision, which leaves the results and shows as withdrawn", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "officer.zhang");
  await page.getByTestId("side-nav").getByRole("link", { name: "公示审核", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/publications$/);
  await waitForHydration(page);
  const draft = page.locator('[data-test="publication"][data-status="draft"]').first();
  const caseNumber = await draft.getAttribute("data-case");
  await expect(draft.getByTestId("publication-original")).toBeVisible();
  await expect(draft.getByTestId("publication-redacted")).toBeVisible();
  await draft.getByTestId("publication-confirm").check();
  await draft.getByTestId("publication-approve").click();
  await expect(page.locator(`[data-test="publication"][data-case="${caseNumber}"]`)).toHaveAttribute("data-status", "published");

  // The head withdraws it: the decision was changed on reconsideration.
  await signInAs(page, "head.scjg");
  await page.goto("/work/publications");
  await waitForHydration(page);
  const card = page.locator(`[data-test="publication"][data-case="${caseNumber}"]`);
  const number = (await card.locator(".meta").textContent())!.split(" · ")[0].trim();
  await card.locator("details summary").click();
  await card.getByTestId("publication-basis").selectOption("changed");
  await card.getByTestId("publication-reason").fill("复议机关变更了罚款数额，原决定撤回公示。");
  await card.getByTestId("publication-withdraw-confirm").check();
  await card.getByTestId("publication-withdraw").click();
  await expect(page.locator(`[data-test="publication"][data-case="${caseNumber}"]`)).toHaveAttribute("data-status", "withdrawn");

  const publicHref = await page.locator(`[data-test="publication"][data-case="${caseNumber}"]`).getByTestId("publication-public-link").getAttribute("href");

  // The public no longer finds it, and its page says why.
  await page.context().clearCookies();
  await page.goto(publicHref!);
  await expect(page.getByTestId("decision")).toHaveAttribute("data-withdrawn", "true");
  await expect(page.getByTestId("decision-withdrawn")).toContainText("复议机关变更了罚款数额");
  await page.goto(`/portal/decisions?q=${encodeURIComponent(number)}`);
  await expect(page.getByTestId("search-empty")).toBeVisible();
  noErrors();
});

test("a member of the public reads an agency's powers, procedures and remedies, and the annual data with its CSV", async ({ page, request }) => {
  test.setTimeout(120_000);
  const noErrors = failOnPageErrors(page);
  await page.goto("/");
  await page.getByTestId("agency-list").locator("h3 a").first().click();
  await expect(page).toHaveURL(/\/portal\/agencies\/[A-Z]+$/);
  await expect(page.getByTestId("powers").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("procedure")).toHaveCount(2);
  await expect(page.getByTestId("remedies")).toContainText("《行政复议法》第20条");
  // The complaint link names the agency, and the form opens with it chosen.
  const code = page.url().split("/").pop()!;
  await expect(page.getByTestId("channels").getByRole("link")).toHaveAttribute("href", `/portal/complaints?agency=${code}`);
  await page.getByTestId("channels").getByRole("link").click();
  await expect(page.getByTestId("complaint-agency")).toHaveValue(code);
  await page.goBack();
  await expect(page.getByTestId("roster").locator("tbody tr").first()).toBeVisible();

  await page.goto("/");
  await page.getByTestId("annual-link").click();
  await expect(page).toHaveURL(/\/portal\/annual$/);
  await page.locator("#a-year").selectOption("2026");
  await page.getByTestId("annual-year").getByRole("button").click();
  await expect(page).toHaveURL(/year=2026/);
  // The demo's three agencies, and any an earlier journey added.
  await expect(page.getByTestId("annual-row").first()).toBeVisible();
  expect(await page.getByTestId("annual-row").count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("annual-chart")).toBeVisible();
  await expect(page.getByTestId("provisional")).toBeVisible();
  const total = Number(await page.getByTestId("annual-total").locator('[data-col="penalties"]').textContent());
  expect(total).toBeGreaterThan(0);
  const csv = await request.get((await page.getByTestId("annual-csv").getAttribute("href"))!);
  expect(csv.ok()).toBeTruthy();
  const text = await csv.text();
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(`合计,2026,`);
  noErrors();
});

test("an officer records a reconsideration that revokes a published decision, which is withdrawn at once", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "officer.zhang");
  await page.goto("/work/publications");
  await waitForHydration(page);
  const card = page.locator('[data-test="publication"][data-status="published"]').first();
  const publicHref = await card.getByTestId("publication-public-link").getAttribute("href");
  await card.getByTestId("publication-case-link").click();
  await expect(page).toHaveURL(/\/work\/cases\/\d+$/);
  await page.getByTestId("tab-remedies").click();
  await expect(page).toHaveURL(/tab=remedies/);
  await waitForHydration(page);
  const today = new Date().toISOString().slice(0, 10);

  const before = await page.getByTestId("remedy").count();
  // Bad input is named and kept out.
  await page.getByTestId("remedy-submit").click();
  await expect(page.getByTestId("remedy-form").getByTestId("field-error").first()).toBeVisible();
  await expect(page.getByTestId("remedy")).toHaveCount(before);

  await page.getByTestId("form[kind]").selectOption("reconsideration");
  await page.getByTestId("form[body]").fill("临江市人民政府");
  await page.getByTestId("form[filed_on]").fill(today);
  await page.getByTestId("remedy-submit").click();
  await expect(page.getByTestId("remedy")).toHaveCount(before + 1);

  const row = page.getByTestId("remedy").last();
  const rule = row.getByTestId("rule-form");
  await rule.getByTestId("form[outcome]").selectOption("revoked");
  await rule.getByTestId("form[decided_on]").fill(today);
  await rule.getByTestId("form[note]").fill("临政复决〔2026〕30号");
  await rule.getByTestId("rule-submit").click();
  await expect(row.getByTestId("remedy-outcome")).toHaveText("撤销");
  await expect(row).toContainText("已撤回公示");

  await page.context().clearCookies();
  await page.goto(publicHref!);
  await expect(page.getByTestId("decision")).toHaveAttribute("data-withdrawn", "true");
  await expect(page.getByTestId("decision-withdrawn")).toContainText("临江市人民政府");
  // As the public sees it: only the notice (APL Art. 48(2)); no party, text, fine or PDF.
  await expect(page.getByTestId("decision")).toHaveAttribute("data-removed", "true");
  await expect(page.getByTestId("decision-withdrawn")).toContainText("本决定已停止公示");
  await expect(page.getByTestId("decision-pdf")).toHaveCount(0);
  await expect(page.getByTestId("decision-number")).not.toBeEmpty();
  const id = publicHref!.split("/").pop();
  const api = await page.request.get(`/api/v1/public/decisions/${id}`);
  const body = await api.json();
  expect(body.party).toBe("");
  expect(body.body).toBe("");
  expect(body.fine).toBeNull();
  const pdf = await page.request.get(`/api/v1/public/decisions/${id}/document.pdf`);
  expect(pdf.status()).toBe(404);
  noErrors();
});
