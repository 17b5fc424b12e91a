import { expect, test } from "@playwright/test";
import { API_TOKEN, PASSWORD, failOnPageErrors, login, waitForHydration } from "./helpers";

test("a clue pushed by the 12345 hotline appears in the agency's intake queue only", async ({ page, request }) => {
  const noErrors = failOnPageErrors(page);
  // The hotline is a machine account: no password sign-in, only its API token.
  const refused = await request.post("/api/v1/auth/login", { data: { username: "hotline12345", password: PASSWORD } });
  expect(refused.status()).toBe(403);
  const token = API_TOKEN;
  const clue = {
    source: "12345", reference: `E2E-${Date.now()}`, title: "夜间施工噪声扰民",
    description: "居民反映工地夜间施工噪声过大。", location: "临江市江南大道 18 号",
    reported_at: "2026-11-26T08:00:00+08:00", reporter: { name: "李某", phone: "13900139000" }, agency: "SCJG",
  };
  const first = await request.post("/api/v1/clues", { data: clue, headers: { authorization: `Bearer ${token}` } });
  expect(first.status()).toBe(201);
  const again = await request.post("/api/v1/clues", { data: clue, headers: { authorization: `Bearer ${token}` } });
  expect(again.status()).toBe(200);
  expect((await again.json()).duplicate).toBe(true);

  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/clues");
  const table = page.getByTestId("clue-table");
  await expect(table).toContainText("夜间施工噪声扰民");
  const row = table.locator(`tr[data-reference="${clue.reference}"]`);
  await expect(row.getByTestId("clue-routing")).toHaveText("由报送方指定承办机关");
  // Only the agency's own queue.
  for (const agency of await table.getByTestId("clue-agency").allTextContents()) {
    expect(agency).toBe("临江市市场监督管理局");
  }
  noErrors();
});

test("another agency's officer does not see the clue", async ({ page }) => {
  await login(page, "officer.wang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/clues");
  // Its own queue may hold clues (the demo's inspections open one), never the other agency's.
  await expect(page.getByTestId("clue-table").or(page.getByTestId("clues-empty"))).toBeVisible();
  await expect(page.locator("main")).not.toContainText("夜间施工噪声扰民");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a hotline clue naming no agency is routed; the agency sends it back with its reason; the supervisor assigns it", async ({ page, request }) => {
    test.setTimeout(120_000);
    const noErrors = failOnPageErrors(page);
    const reference = `E2E-R-${Date.now()}`;
    const pushed = await request.post("/api/v1/clues", {
      data: {
        source: "12345", reference, title: `菜市场明码标价不清（${reference}）`,
        description: "市民反映菜市场多个摊位未明码标价，结算价随口报。", location: "临江市东门菜市场",
        reported_at: "2026-11-26T08:00:00+08:00",
      },
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(pushed.status()).toBe(201);
    const receipt = await pushed.json();
    expect(receipt.agency).toBe("SCJG");
    expect(receipt.routing.explanation).toBe("按职责「价格」自动分拨：线索中有「标价」「明码标价」「结算价」");

    // The market regulator's officer sees why it came, and sends it back: refused without a
    // reason (the browser's own check), then with one.
    await page.context().clearCookies();
    await login(page, "officer.zhang");
    await expect(page).toHaveURL(/\/work$/);
    await page.goto("/work/clues");
    await waitForHydration(page);
    let row = page.locator(`tr[data-reference="${reference}"]`);
    await expect(row.getByTestId("clue-routing")).toHaveText("按职责「价格」自动分拨：线索中有「标价」「明码标价」「结算价」");
    await row.getByTestId("clue-return-open").click();
    await row.getByTestId("clue-return-reason").fill("系农贸市场摊位，已由市场开办方自律管理，本局建议由城管部门核查占道情况");
    await row.getByTestId("clue-return-submit").click();
    await expect(row).toHaveCount(0);

    // The supervisor's day counts it; the queue offers the assignment.
    await page.context().clearCookies();
    await login(page, "supervisor.wu");
    await expect(page).toHaveURL(/\/work$/);
    const day = page.getByTestId("day-clues");
    await expect(day).toBeVisible();
    expect(Number(await day.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    await day.click();
    await expect(page).toHaveURL(/\/work\/clues$/);
    await waitForHydration(page);
    row = page.locator(`tr[data-reference="${reference}"]`);
    await expect(row.getByTestId("clue-status")).toHaveText("待监督机构分拨");
    await expect(row.getByTestId("clue-routing")).toContainText("承办机关退回：系农贸市场摊位");
    await row.getByTestId("clue-assign-agency").selectOption({ label: "临江市城市管理综合行政执法局" });
    await row.getByTestId("clue-assign-note").fill("请核查摊位占道情况");
    await row.getByTestId("clue-assign-submit").click();
    await expect(row.getByTestId("clue-status")).toHaveText("待处理");
    await expect(row.getByTestId("clue-agency")).toHaveText("临江市城市管理综合行政执法局");
    await expect(row.getByTestId("clue-assign-form")).toHaveCount(0);

    // The city administration's officer has it, with the supervisor's note.
    await page.context().clearCookies();
    await login(page, "officer.wang");
    await expect(page).toHaveURL(/\/work$/);
    await page.goto("/work/clues");
    row = page.locator(`tr[data-reference="${reference}"]`);
    await expect(row.getByTestId("clue-routing")).toHaveText("由监督机构分拨：请核查摊位占道情况");
    await expect(row.getByTestId("register-clue")).toBeVisible();
    noErrors();
  });
});

test("the supervisor sees a clue left unhandled among the behaviour signals", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await login(page, "supervisor.wu");
  await expect(page).toHaveURL(/\/work$/);
  const day = page.getByTestId("day-signals");
  await expect(day).toBeVisible();
  expect(Number(await day.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  await page.getByTestId("side-nav").getByRole("link", { name: "行为监督信号", exact: true }).click();
  await expect(page).toHaveURL(/\/work\/signals$/);
  const idle = page.locator('[data-test="signal"][data-kind="clue_idle"]');
  await expect(idle.first()).toContainText("临江市市场监督管理局");
  await expect(idle.first()).toContainText("登记立案或决定不予立案");
  await idle.first().getByTestId("signal-link").click();
  await expect(page).toHaveURL(/\/work\/clues$/);
  noErrors();
});
