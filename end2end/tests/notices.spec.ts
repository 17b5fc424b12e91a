import { expect, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

const PROBLEM = `环境类投诉线索超期未核查，未告知反映人处理结果（E2E ${Date.now()}）。`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a supervisor issues an opinion, the agency head reports the rectification, the supervisor accepts it", async ({ page }) => {
    test.setTimeout(150_000);
    const noErrors = failOnPageErrors(page);
    await login(page, "supervisor.wu");
    await expect(page).toHaveURL(/\/work$/);
    // The supervisor's day opens on the overdue rectifications (the demo's CGZF decision).
    const dayLink = page.getByTestId("day-notices");
    await expect(dayLink).toBeVisible();
    expect(Number(await dayLink.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    await page.getByTestId("side-nav").getByRole("link", { name: "监督文书", exact: true }).click();
    await expect(page).toHaveURL(/\/work\/notices$/);
    await waitForHydration(page);
    await expect(page.locator('[data-test="notice"][data-rectification="overdue"]').first()).toBeVisible();

    // A deadline beyond 90 days is refused naming it; what was typed stays.
    await page.getByTestId("notice-new").locator("summary").click();
    const form = page.getByTestId("notice-form");
    await form.getByTestId("nt-agency").selectOption({ label: "临江市生态环境局" });
    await form.getByTestId("nt-source").selectOption("complaint");
    await form.getByTestId("nt-ref").fill("TS-E2E-0001");
    await form.getByTestId("nt-problems").fill(PROBLEM);
    await form.getByTestId("nt-req").fill("逐件核查并告知反映人，建立台账。");
    await form.getByTestId("nt-basis").fill("《行政执法监督条例》");
    await form.getByTestId("nt-deadline").fill(day(120));
    await form.getByTestId("nt-submit").click();
    await expect(page.getByTestId("form-error")).toContainText("整改期限");
    await expect(form.getByTestId("nt-problems")).toHaveValue(PROBLEM);
    await form.getByTestId("nt-deadline").fill(day(20));
    await form.getByTestId("nt-submit").click();
    await expect(page.getByTestId("notice-issued")).toContainText("临司监意〔");
    const card = page.locator('[data-test="notice"]').filter({ hasText: PROBLEM }).first();
    await expect(card.getByTestId("notice-status")).toHaveText("待整改");
    // Its document is a PDF.
    const href = await card.getByTestId("notice-pdf").getAttribute("href");
    const pdf = await page.request.get(href ?? "");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // The agency's head sees it waiting on the workbench and reports.
    await page.context().clearCookies();
    await login(page, "head.sthj");
    await expect(page).toHaveURL(/\/work$/);
    await expect(page.getByTestId("notices-owed")).toBeVisible();
    await page.getByTestId("notices-owed").getByRole("link").click();
    await expect(page).toHaveURL(/\/work\/notices$/);
    await waitForHydration(page);
    const theirs = page.locator('[data-test="notice"]').filter({ hasText: PROBLEM }).first();
    await theirs.getByTestId("report-text").fill("已逐件核查 2 件超期线索，均已书面告知反映人处理结果；台账已建立。");
    await theirs.getByTestId("report-evidence").fill("告知书 2 份\n线索核查台账");
    await theirs.getByTestId("report-submit").click();
    await expect(theirs.getByTestId("notice-status")).toHaveText("整改报告待审核");
    await expect(theirs.getByTestId("notice-rectification")).toHaveText("按期报告");

    // The supervisor accepts it.
    await page.context().clearCookies();
    await login(page, "supervisor.wu");
    await expect(page).toHaveURL(/\/work$/);
    await page.goto("/work/notices");
    await waitForHydration(page);
    const back = page.locator('[data-test="notice"]').filter({ hasText: PROBLEM }).first();
    await back.getByTestId("verdict-accept").check();
    await back.getByTestId("verdict-text").fill("整改到位");
    await back.getByTestId("verdict-submit").click();
    await expect(back.getByTestId("notice-status")).toHaveText("已办结");
    await expect(back.getByTestId("notice-steps").locator("li")).toHaveCount(2);
    noErrors();
  });
});
