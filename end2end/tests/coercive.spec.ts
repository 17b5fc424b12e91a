import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

const PARTY = `临江市某冷库经营部（E2E ${Date.now()}）`;

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an officer records a seizure taken on the spot and reports it; the head approves it and extends it once", async ({ page }) => {
    test.setTimeout(120_000);
    const noErrors = failOnPageErrors(page);
    await signInAs(page, "officer.zhang");
    await page.goto("/work/coercive");
    await waitForHydration(page);
    const form = page.getByTestId("measure-form");

    // The party absent and no witness, one officer: refused naming both, nothing lost.
    await form.getByTestId("cm-party").fill(PARTY);
    await form.getByTestId("cm-place").fill("临江市江北区物流园 5 号冷库");
    await form.getByTestId("cm-items").fill("来源不明的冷冻肉 40 箱\n无标签调味品 12 瓶");
    await form.getByTestId("cm-basis").fill("《中华人民共和国食品安全法》第一百一十条");
    await form.getByTestId("cm-reason").fill("现场发现来源不明的冷冻肉，为防止转移当场扣押");
    await form.getByTestId("cm-custody").fill("本局涉案物品仓库，保管人刘某");
    await form.getByTestId("cm-party-present").uncheck();
    await form.getByTestId("cm-officer_a").selectOption({ label: "张伟" });
    await form.getByTestId("cm-emergency").check();
    await form.getByTestId("cm-submit").click();
    await expect(page.getByTestId("form-error")).toContainText("见证人");
    await expect(page.getByTestId("form-error")).toContainText("执法人员");
    await expect(form.getByTestId("cm-party")).toHaveValue(PARTY);

    await form.getByTestId("cm-witness").fill("社区网格员周某");
    await form.getByTestId("cm-officer_b").selectOption({ label: "李娜" });
    await form.getByTestId("cm-submit").click();
    await expect(page.getByTestId("cm-receipt")).toContainText("QZ");
    const card = page.locator('[data-test="measure"]').filter({ hasText: PARTY });
    await expect(card).toHaveAttribute("data-state", "in_force");
    // The form that succeeded is cleared.
    await expect(page.getByTestId("cm-party")).toHaveValue("");

    await card.getByTestId("cm-report-submit").click();
    await expect(card.getByTestId("cm-report-submit")).toHaveCount(0);
    noErrors();
  });

  test("the head approves the reported measure and extends it once, refused first without reasons", async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await signInAs(page, "head.scjg");
    await page.goto("/work/coercive");
    await waitForHydration(page);
    const card = page.locator('[data-test="measure"]').filter({ hasText: PARTY });
    await card.getByTestId("cm-approve-submit").click();
    await expect(card.getByTestId("cm-approved")).toContainText("周建国");
    // More than 30 days is stopped by the field itself; no reasons, by the server.
    await card.getByTestId("cm-days").fill("45");
    expect(await card.getByTestId("cm-days").evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(true);
    await card.getByTestId("cm-days").fill("30");
    await card.getByTestId("cm-extend-submit").click();
    await expect(card.getByTestId("form-error")).toContainText("不能为空");
    await card.getByTestId("cm-extend-reason").fill("案情复杂，需进一步检验");
    await card.getByTestId("cm-extend-submit").click();
    await expect(card.getByTestId("cm-extend-submit")).toHaveCount(0);
    await expect(card.getByTestId("cm-last-day")).toBeVisible();
    noErrors();
  });
});

test("a supervisor sees the demo seizure past its limit and takes no step", async ({ page }) => {
  await signInAs(page, "supervisor.wu");
  await page.goto("/work/coercive");
  await expect(page.locator('[data-test="cm-warning"][data-code="measure_overdue"]')).toHaveCount(1);
  await expect(page.getByTestId("measure-form")).toHaveCount(0);
  await expect(page.locator('[data-test$="-submit"]')).toHaveCount(0);
});
