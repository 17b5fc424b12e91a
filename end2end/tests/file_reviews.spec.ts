import { expect, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

const NAME = `专项案卷评查（E2E ${Date.now()}）`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("a supervisor runs a review round from the draw to the scores", async ({ page }) => {
  test.setTimeout(120_000);
  const noErrors = failOnPageErrors(page);
  await login(page, "supervisor.wu");
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByTestId("day-reviews")).toBeVisible();
  await page.getByTestId("side-nav").getByRole("link", { name: "案卷评查", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/file-reviews$/);
  await waitForHydration(page);
  // The demo's finished round: its results are there.
  await expect(page.getByTestId("round-results").first()).toBeVisible();

  // A period ending in the future is refused naming it; what was typed stays.
  await page.getByTestId("round-new").locator("summary").click();
  const form = page.getByTestId("round-form");
  await form.getByTestId("rv-name").fill(NAME);
  await form.getByTestId("rv-from").fill(day(-365));
  await form.getByTestId("rv-to").fill(day(3));
  await form.getByTestId("rv-size").fill("2");
  await form.getByTestId("rv-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("结案日期至");
  await expect(form.getByTestId("rv-name")).toHaveValue(NAME);
  await form.getByTestId("rv-to").fill(day(0));
  await form.getByTestId("rv-submit").click();
  const round = page.locator('[data-test="round"]').filter({ hasText: NAME }).first();
  await expect(round.locator('[data-test="review-file"]')).toHaveCount(2);

  // Score the first drawn file: points off the procedure, with the reason.
  const detail = round.getByTestId("file-detail").first();
  await detail.getByTestId("lost-procedure").fill("5");
  await detail.getByTestId("why-procedure").fill("未告知陈述申辩权利的期限");
  await detail.getByTestId("score-submit").click();
  const fresh = page.locator('[data-test="round"]').filter({ hasText: NAME }).first();
  await expect(fresh.getByTestId("round-scored")).toHaveText("1");
  await expect(fresh.locator('[data-test="review-file"][data-status="scored"]').getByTestId("file-total")).toContainText("95");
  await expect(fresh.getByTestId("per-criterion")).toContainText("执法程序");
  noErrors();
});
