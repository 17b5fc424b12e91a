import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

test("a party asks for a correction of a published decision; an officer of the agency accepts it; the public reads the answer and sees the correction", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  // A decision of the market regulator, from the search.
  await page.goto("/portal/decisions?agency=SCJG");
  await page.getByTestId("decision-link").first().click();
  await expect(page).toHaveURL(/\/portal\/decisions\/\d+$/);
  const decision = page.url();
  await page.getByTestId("decision-request-link").click();
  await expect(page).toHaveURL(/\/portal\/decisions\/\d+\/request$/);
  await waitForHydration(page);

  // Bad input names the field and keeps what was typed.
  await page.getByTestId("request-name").fill("陈立新（委托代理人）");
  await page.getByTestId("request-phone").fill("13905718888");
  await page.getByTestId("request-reason").fill("太短");
  await page.getByTestId("request-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("申请理由");
  await expect(page.getByTestId("request-name")).toHaveValue("陈立新（委托代理人）");

  await page.getByTestId("request-reason").fill("公示的违法行为发生地点有误，应为解放路 18 号门店，请予更正。");
  await page.getByTestId("request-submit").click();
  await expect(page).toHaveURL(/\/portal\/requests\/status\?no=GS\d{8}-[0-9A-Z]{16}/);
  await expect(page.getByTestId("request-receipt")).toBeVisible();
  const tracking = (await page.getByTestId("request-tracking-no").textContent())!.trim();
  expect(tracking).toMatch(/^GS\d{8}-[0-9A-Z]{16}$/);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "submitted");
  await expect(page.locator("main")).not.toContainText("13905718888");
  await expect(page.locator("main")).not.toContainText("陈立新");

  // An officer of the agency finds it with its deadline and accepts it.
  await signInAs(page, "officer.zhang");
  await page.getByTestId("side-nav").getByRole("link", { name: "更正与信用修复", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/publication-requests$/);
  await waitForHydration(page);
  const card = page.locator(`[data-test="publication-request"][data-tracking="${tracking}"]`);
  await expect(card.getByTestId("request-contact")).toContainText("13905718888");
  await expect(card.getByTestId("request-review-by")).toHaveText(/\d{4}-\d{2}-\d{2}/);
  await card.getByTestId("request-accept").locator("summary").click();
  await card.getByTestId("request-accept-answer").fill("经核对属实，已更正公示信息。");
  await card.getByTestId("request-accept-note").fill("违法行为发生地点更正为解放路 18 号门店。");
  await card.getByTestId("request-accept-submit").click();
  await expect(page.locator(`[data-test="publication-request"][data-tracking="${tracking}"]`)).toHaveAttribute("data-status", "accepted");

  // The party reads the answer by the number; the decision's page shows the correction.
  await page.context().clearCookies();
  await page.goto("/portal/requests/status");
  // Typed after hydration: hydrating the page afterwards would empty the box.
  await waitForHydration(page);
  await page.getByTestId("request-no").fill(tracking.toLowerCase());
  await page.getByTestId("request-status-submit").click();
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("request-answer")).toContainText("已更正公示信息");
  await page.goto(decision);
  await expect(page.getByTestId("decision-corrections")).toContainText("解放路 18 号门店");
  noErrors();
});
