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
  await page.getByRole("link", { name: "公示审核" }).click();
  await expect(page).toHaveURL(/\/work\/publications$/);
  await waitForHydration(page);
  const draft = page.locator('[data-test="publication"][data-status="draft"]').first();
  const caseNumber = await draft.getAttribute("data-case");
  await expect(draft.getByTestId("publication-original")).toBeVisible();
  await expect(draft.getByTestId("publication-redacted")).toBeVisible();
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
