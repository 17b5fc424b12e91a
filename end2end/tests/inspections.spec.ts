import { readFileSync } from "node:fs";
import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

type Visit = { code: string; agency: string; officers: string[]; supervision: string; enterprise: string };

/** The demo inspections approved and waiting at the door, as `seed --demo` printed them. */
function waitingVisits(): Visit[] {
  const log = readFileSync(process.env.TIANPING_E2E_SEED_LOG ?? "../.e2e/seed.log", "utf8");
  return log
    .split("\n")
    .map((l) => l.trim().match(/^inspection (\S+) agency (\S+) officers (\S+) supervision-code (\S+) enterprise (.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ code: m[1], agency: m[2], officers: m[3].split(","), supervision: m[4], enterprise: m[5] }));
}

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an officer registers at the door by the enterprise's code, records and notifies; anyone checks the code; the enterprise reads its record and rates the inspection", async ({ page }) => {
    test.setTimeout(180_000);
    const noErrors = failOnPageErrors(page);
    const visits = waitingVisits();
    const visit = visits.find((v) => v.officers.includes("officer.zhang"));
    expect(visit, "a demo inspection waiting for officer.zhang").toBeTruthy();
    const other = visits.find((v) => v.supervision !== visit!.supervision)!;

    // At the door, before anything: the enterprise checks the officers' inspection code.
    await page.goto(`/portal/inspections/verify?code=${visit!.code.toLowerCase()}`);
    await expect(page.getByTestId("insp-verify-found")).toHaveAttribute("data-approved", "true");
    await expect(page.getByTestId("insp-verify-agency")).toContainText("临江市");
    await expect(page.getByTestId("insp-verify-officer")).toHaveCount(2);
    await page.goto("/portal/inspections/verify?code=JC20261204-0000000000000000");
    await expect(page.getByTestId("insp-verify-unknown")).toBeVisible();

    // The officer on a phone: the visit is refused with another enterprise's code, and
    // nothing changes; the right code (typed in lower case) registers it.
    await signInAs(page, "officer.zhang");
    await page.goto("/work/inspections");
    await waitForHydration(page);
    const card = () => page.locator(`[data-test="inspection"][data-code="${visit!.code}"]`);
    await expect(card()).toHaveAttribute("data-state", "approved");
    await card().getByTestId("insp-supervision-code").fill(other.supervision);
    await card().getByTestId("insp-register-submit").click();
    await expect(card().getByTestId("form-error")).toContainText("监督码");
    await expect(card()).toHaveAttribute("data-state", "approved");
    await card().getByTestId("insp-supervision-code").fill(visit!.supervision.toLowerCase());
    await card().getByTestId("insp-register-submit").click();
    await expect(card()).toHaveAttribute("data-state", "on_site");
    await expect(card().getByTestId("insp-registered")).toBeVisible();

    // The on-site record; an empty one is refused naming the field.
    await card().getByTestId("insp-record-submit").click();
    await expect(card().getByTestId("field-error")).toBeVisible();
    await card().getByTestId("insp-findings").fill("对照检查标准逐项检查：进货查验记录不全，其余未发现问题。检查人员二名出示执法证件，负责人在场。");
    await card().getByTestId("insp-record-submit").click();
    await expect(card()).toHaveAttribute("data-state", "recorded");

    // The result: rectification, with what the enterprise is told.
    await card().getByTestId("insp-outcome-rectify").check();
    await card().getByTestId("insp-note").fill("请于十五日内补全进货查验记录，并报送整改情况。");
    await card().getByTestId("insp-notify-submit").click();
    await expect(card()).toHaveAttribute("data-state", "notified");
    await expect(card().getByTestId("insp-outcome")).toContainText("补全进货查验记录");
    const box = await card().boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);

    // The enterprise opens its page by its supervision code, reads the result and rates it.
    await page.context().clearCookies();
    await page.goto("/");
    await page.getByTestId("enterprise-link").click();
    await expect(page).toHaveURL(/\/portal\/enterprise$/);
    await waitForHydration(page);
    await page.getByTestId("enterprise-code").fill(visit!.supervision);
    await page.getByTestId("enterprise-submit").click();
    await expect(page.getByTestId("enterprise-name")).toHaveText(visit!.enterprise);
    await expect(page.getByTestId("enterprise-cap")).toBeVisible();
    await waitForHydration(page);
    const row = page.locator(`[data-test="enterprise-visit"][data-code="${visit!.code}"]`);
    await expect(row).toContainText("补全进货查验记录");
    await row.getByTestId("rate-rating").selectOption("4");
    await row.getByTestId("rate-comment").fill("检查人员出示证件，说明依据，态度良好。");
    await row.getByTestId("rate-submit").click();
    await expect(page.getByTestId("rate-done")).toBeVisible();
    await expect(page.locator(`[data-test="enterprise-visit"][data-code="${visit!.code}"]`).getByTestId("visit-rating")).toContainText("4 / 5");
    await expect(page.locator(`[data-test="enterprise-visit"][data-code="${visit!.code}"]`).getByTestId("rate-form")).toHaveCount(0);

    // A code no enterprise holds.
    await page.goto("/portal/enterprise?code=JD0000000000000000");
    await expect(page.getByTestId("enterprise-not-found")).toBeVisible();
    noErrors();
  });
});

test("the agency head approves a proposed inspection (行政检查审批表) and makes a published random draw", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "head.scjg");
  await page.getByTestId("side-nav").getByRole("link", { name: "行政检查", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/inspections$/);
  await waitForHydration(page);
  const proposed = page.locator('[data-test="inspection"][data-state="proposed"]').first();
  const code = await proposed.getAttribute("data-code");
  await proposed.getByTestId("insp-approve-submit").click();
  const card = page.locator(`[data-test="inspection"][data-code="${code}"]`);
  await expect(card).toHaveAttribute("data-state", "approved");
  await expect(card.getByTestId("insp-approved")).toContainText("周建国");

  // 双随机: the head draws five enterprises and two officers; the draw is published and anyone
  // re-runs it from its seed.
  await page.getByTestId("draw-enterprises").fill("5");
  await page.getByTestId("draw-submit").click();
  await expect(page.getByTestId("draw")).toHaveCount(1);
  await page.getByTestId("draw").locator("a").click();
  await expect(page).toHaveURL(/\/portal\/draws\/\d+$/);
  await expect(page.getByTestId("draw-page")).toHaveAttribute("data-verified", "true");
  await expect(page.getByTestId("draw-enterprises").locator("li")).toHaveCount(5);
  await expect(page.getByTestId("draw-officers").locator("li")).toHaveCount(2);
  expect((await page.getByTestId("draw-seed").textContent())!.trim()).toMatch(/^[0-9a-f]{64}$/);
  noErrors();
});

test("a supervisor sees the region's inspections and has no step to take on them", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await signInAs(page, "supervisor.wu");
  await page.getByTestId("side-nav").getByRole("link", { name: "行政检查", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/inspections$/);
  await expect(page.getByTestId("inspection").first()).toBeVisible();
  await expect(page.locator('[data-test^="insp-"][data-test$="-submit"]')).toHaveCount(0);
  // The demo's visit made seventeen days after the same agency's last one (乱检查).
  await expect(page.locator('[data-test="insp-warning"][data-code="inspection_repeated"]').first()).toBeVisible();
  noErrors();
});
