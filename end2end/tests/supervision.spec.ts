import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

const HEADS: Record<string, string> = {
  "临江市市场监督管理局": "head.scjg",
  "临江市城市管理综合行政执法局": "head.cgzf",
  "临江市生态环境局": "head.sthj",
};

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

test("a supervisor sees the warnings, opens a case and a supervision matter; the agency head answers; the supervisor closes it", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "supervisor.wu");
  await page.getByTestId("side-nav").getByRole("link", { name: "监督预警", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/warnings$/);
  await waitForHydration(page);
  const rows = page.getByTestId("warning-row");
  await expect(rows.first()).toBeVisible();
  // Every kind is counted (whatever page its rows fall on).
  for (const kind of ["major_without_review", "fine_outside_band", "acted_without_certificate", "too_few_collectors", "long_suspended"]) {
    await expect(page.locator(`[data-test="warning-kind"][data-kind="${kind}"]`)).toBeVisible();
  }
  await expect(page.locator('[data-test="warning-kind"][data-kind^="deadline_overdue"]').first()).toBeVisible();
  await expect(page.locator('[data-test="warning-row"][data-kind^="deadline_overdue"]').first()).toBeVisible();

  // Show one kind only: every row is of that kind.
  await page.locator('[data-test="warning-kind"][data-kind="major_without_review"]').click();
  await expect(page).toHaveURL(/kind=major_without_review/);
  await expect(page.locator('[data-test="warning-row"][data-kind="major_without_review"]').first()).toBeVisible();
  await expect(page.locator('[data-test="warning-row"]:not([data-kind="major_without_review"])')).toHaveCount(0);

  // Acknowledge one: an empty comment is refused, a real one recorded.
  const row = page.locator('[data-test="warning-row"][data-kind="major_without_review"]').first();
  await row.getByTestId("ack-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("说明");
  await row.getByTestId("ack-comment").fill("已调阅案卷，要求补做法制审核");
  await row.getByTestId("ack-submit").click();
  await expect(page.locator('[data-test="warning-row"][data-kind="major_without_review"]').first().getByTestId("acknowledged")).toContainText("已调阅案卷");

  // Open the case behind a warning.
  await page.goto("/work/warnings?kind=fine_outside_band");
  await waitForHydration(page);
  const target = page.locator('[data-test="warning-row"][data-kind="fine_outside_band"]').first();
  const caseHref = await target.getByTestId("warning-case").getAttribute("href");
  await target.getByTestId("warning-case").click();
  await expect(page).toHaveURL(new RegExp(`${caseHref}$`));
  await expect(page.getByTestId("case-title")).toContainText("历史数据导入");

  // Back on the warnings, open a supervision matter on that case.
  await page.goto("/work/warnings?kind=fine_outside_band");
  await waitForHydration(page);
  const again = page.locator('[data-test="warning-row"][data-kind="fine_outside_band"]').first();
  await again.getByTestId("open-matter").locator("summary").click();
  await again.getByTestId("matter-requirement").fill("罚款超出裁量基准且未说明理由，请于期限内重新审查并书面说明");
  const due = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
  await again.getByTestId("matter-due").fill(due);
  await again.getByTestId("matter-submit").click();
  await expect(page.getByTestId("matter-opened")).toBeVisible();

  await page.goto("/work/matters");
  await waitForHydration(page);
  const matter = page.getByTestId("matter").first();
  await expect(matter).toHaveAttribute("data-status", "open");
  const agency = (await matter.locator(".meta").innerText()).split(" · ")[0].trim();
  const head = HEADS[agency];
  expect(head, `head of ${agency}`).toBeTruthy();
  noErrors();

  // The agency head sees it and answers.
  await signInAs(page, head);
  await page.getByTestId("side-nav").getByRole("link", { name: "督办事项", exact: true }).click();
  await waitForHydration(page);
  const mine = page.getByTestId("matter").first();
  await expect(mine.getByTestId("matter-requirement-text")).toContainText("重新审查");
  await mine.getByTestId("matter-answer-text").fill("已重新审查，补充裁量说明并报法制审核");
  await mine.getByTestId("matter-answer-submit").click();
  await expect(page.getByTestId("matter").first()).toHaveAttribute("data-status", "answered");
  noErrors();

  // The supervisor accepts the answer and closes the matter.
  await signInAs(page, "supervisor.wu");
  await page.goto("/work/matters");
  await waitForHydration(page);
  const answered = page.getByTestId("matter").first();
  await expect(answered.getByTestId("matter-response")).toContainText("补充裁量说明");
  await answered.getByTestId("matter-close-text").fill("整改到位，予以办结");
  await answered.getByTestId("matter-close-submit").click();
  await expect(page.getByTestId("matter").first()).toHaveAttribute("data-status", "closed");
  noErrors();
});
