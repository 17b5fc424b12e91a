import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

test("a member of the public files a complaint; the supervisor assigns it; the agency head handles and answers; the public sees the reply", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await page.goto("/");
  await page.getByTestId("complaints-link").click();
  await expect(page).toHaveURL(/\/portal\/complaints$/);
  await waitForHydration(page);

  // Bad input names the fields and keeps what was typed.
  await page.getByTestId("complaint-subject").fill("执法人员态度粗暴");
  await page.getByTestId("complaint-content").fill("太短");
  await page.getByTestId("complaint-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("具体内容");
  expect(await page.getByTestId("field-error").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("complaint-subject")).toHaveValue("执法人员态度粗暴");

  await page.getByTestId("complaint-agency").selectOption({ label: "临江市市场监督管理局" });
  await page.getByTestId("complaint-content").fill("11月20日在解放路检查时，执法人员态度粗暴，未说明检查依据。");
  await page.getByTestId("complaint-name").fill("欧阳明远");
  await page.getByTestId("complaint-phone").fill("13905719999");
  await page.getByTestId("complaint-submit").click();
  const tracking = (await page.getByTestId("tracking-no").textContent())!.trim();
  expect(tracking).toMatch(/^TS\d{8}-[0-9A-Z]{16}$/);

  // The status page: received, and nothing private.
  await page.getByTestId("receipt-status-link").click();
  await expect(page.getByTestId("complaint-status")).toHaveAttribute("data-status", "received");
  await expect(page.locator("main")).not.toContainText("13905719999");
  await expect(page.locator("main")).not.toContainText("欧阳明远");

  // The supervisor assigns it to the agency concerned.
  await signInAs(page, "supervisor.wu");
  await page.getByTestId("side-nav").getByRole("link", { name: "投诉举报", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/complaints$/);
  await waitForHydration(page);
  const card = page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`);
  await expect(card.getByTestId("complaint-contact")).toContainText("13905719999");
  await card.getByTestId("complaint-assign-submit").click();
  await expect(page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`)).toHaveAttribute("data-status", "assigned");

  // The agency head records the handling and answers.
  await signInAs(page, "head.scjg");
  await page.goto("/work/complaints");
  await waitForHydration(page);
  const mine = page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`);
  await mine.getByTestId("complaint-handle-text").fill("已调取执法记录仪视频核实。");
  await mine.getByTestId("complaint-handle-submit").click();
  await expect(page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`)).toHaveAttribute("data-status", "handling");
  const handling = page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`);
  await handling.getByTestId("complaint-reply-text").fill("经核查，执法人员未说明检查依据，已批评教育并责令改正。感谢您的监督。");
  await handling.getByTestId("complaint-reply-submit").click();
  await expect(page.locator(`[data-test="complaint"][data-tracking="${tracking}"]`)).toHaveAttribute("data-status", "answered");

  // The complainant looks it up by number and reads the reply.
  await page.context().clearCookies();
  await page.goto("/portal/complaints/status");
  // Typed before hydration, the number can be reset by it: wait, as the other journeys do.
  await waitForHydration(page);
  await page.getByTestId("status-no").fill(tracking.toLowerCase());
  await page.getByTestId("status-submit").click();
  await expect(page.getByTestId("complaint-status")).toHaveAttribute("data-status", "answered");
  await expect(page.getByTestId("status-reply")).toContainText("已批评教育");
  noErrors();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a complaint tapped twice is filed once, and the receipt is where the user looks", async ({ page }) => {
    test.setTimeout(120_000);
    const noErrors = failOnPageErrors(page);
    const fill = async () => {
      await page.goto("/portal/complaints");
      await waitForHydration(page);
      await page.getByTestId("complaint-agency").selectOption({ label: "临江市市场监督管理局" });
      await page.getByTestId("complaint-subject").fill("罚款收据未当场出具");
      await page.getByTestId("complaint-content").fill("12月1日在解放路检查后当场收取罚款，未出具财政部门统一制发的罚款收据。");
      await page.getByTestId("complaint-name").fill("司马青");
      await page.getByTestId("complaint-phone").fill("13905718888");
    };
    await fill();
    await page.getByTestId("complaint-submit").dblclick();
    const receipt = page.getByTestId("complaint-receipt");
    await expect(receipt).toBeVisible();
    await expect(page.getByTestId("form-answer")).toBeFocused();
    await expect(receipt).toBeInViewport();
    await expect(page.getByTestId("complaint-form-wrap")).toBeHidden();
    const first = (await page.getByTestId("tracking-no").textContent())!.trim();

    // The same complaint sent again (a resend after a lost answer) is the same complaint.
    await fill();
    await page.getByTestId("complaint-submit").click();
    await expect(page.getByTestId("tracking-no")).toHaveText(first);
    noErrors();
  });
});

test("a supervisor reads the statistics, filters them, downloads the CSV and opens an officer's profile", async ({ page }) => {
  test.setTimeout(120_000);
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "supervisor.wu");
  await page.getByTestId("side-nav").getByRole("link", { name: "执法统计", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/statistics$/);
  await expect(page.getByTestId("month-chart").locator("svg rect").first()).toBeAttached();
  const total = Number(await page.getByTestId("stats-total").locator('[data-col="opened"]').textContent());
  expect(total).toBeGreaterThan(0);
  // The agency rows add up to the total.
  const cells = await page.getByTestId("stats-row").locator('[data-col="opened"]').allTextContents();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(total);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("stats-csv").click()]);
  const path = await download.path();
  const csv = require("fs").readFileSync(path, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`合计,${total},`);

  await page.getByTestId("stats-dimension").selectOption("officer");
  await page.getByTestId("stats-submit").click();
  await expect(page).toHaveURL(/dimension=officer/);
  await expect(page.getByTestId("stats-table")).toHaveAttribute("data-dimension", "officer");
  await page.getByTestId("stats-link").first().click();
  await expect(page).toHaveURL(/\/work\/officers\/\d+$/);
  await expect(page.getByTestId("officer-profile")).toBeVisible();
  await expect(page.getByTestId("certificate").first()).toBeVisible();
  noErrors();
});
