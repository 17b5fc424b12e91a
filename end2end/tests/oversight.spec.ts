import { expect, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

const TITLE = `关于行政检查扰企问题的公开通报（E2E ${Date.now()}）`;

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a supervisor records an interview, follows it up, and issues a public circular that the portal shows masked", async ({ page }) => {
    test.setTimeout(120_000);
    const noErrors = failOnPageErrors(page);
    await login(page, "supervisor.wu");
    await expect(page).toHaveURL(/\/work$/);
    await page.getByTestId("side-nav").getByRole("link", { name: "约谈与通报", exact: true }).click();
    await expect(page).toHaveURL(/\/work\/oversight$/);
    await waitForHydration(page);
    // The demo's overdue follow-up is there.
    await expect(page.locator('[data-test="interview"][data-follow-up="overdue"]').first()).toBeVisible();

    // An interview: a follow-up day before the interview is refused naming it, nothing lost.
    await page.getByTestId("interview-new").locator("summary").click();
    const form = page.getByTestId("interview-form");
    await form.getByTestId("iv-agency").selectOption({ label: "临江市生态环境局" });
    const today = new Date().toISOString().slice(0, 10);
    await form.getByTestId("iv-held").fill(today);
    await form.getByTestId("iv-people").fill("吴芳（临江市司法局）\n赵局长（临江市生态环境局）");
    await form.getByTestId("iv-reasons").fill("环境类线索办理超期");
    await form.getByTestId("iv-commit").fill("月底前完成整改");
    await form.getByTestId("iv-follow").fill("2020-01-01");
    await form.getByTestId("iv-submit").click();
    await expect(page.getByTestId("form-error")).toContainText("回访日期");
    await expect(form.getByTestId("iv-reasons")).toHaveValue("环境类线索办理超期");
    const next = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByTestId("iv-follow").fill(next);
    await form.getByTestId("iv-submit").click();
    const card = page.locator('[data-test="interview"]').filter({ hasText: "环境类线索办理超期" }).first();
    await expect(card).toBeVisible();
    await expect(card.getByTestId("interview-follow-up")).toHaveText("待回访");
    await card.getByTestId("follow-up-note").fill("已按承诺完成整改");
    await card.getByTestId("follow-up-submit").click();
    await expect(card.getByTestId("interview-follow-up")).toHaveText("已回访");

    // A public circular with a phone number in it.
    await page.getByTestId("circular-new").locator("summary").click();
    const circ = page.getByTestId("circular-form");
    await circ.getByTestId("ci-title").fill(TITLE);
    await circ.getByTestId("ci-body").fill("有企业反映（联系电话 13812345678）某机关一月内三次上门检查，现予通报。");
    await circ.getByTestId("ci-public").check();
    await circ.getByTestId("ci-agency").selectOption({ label: "临江市市场监督管理局" });
    await circ.getByTestId("ci-submit").click();
    await expect(page.locator('[data-test="circular"]').filter({ hasText: TITLE })).toBeVisible();

    // The portal shows it with the number masked.
    await page.context().clearCookies();
    await page.goto("/");
    await page.getByTestId("circulars-link").click();
    await expect(page).toHaveURL(/\/portal\/circulars$/);
    const published = page.locator('[data-test="public-circular"]').filter({ hasText: TITLE });
    await expect(published).toContainText("138****5678");
    await expect(published).not.toContainText("13812345678");
    noErrors();
  });
});
