import { expect, test } from "@playwright/test";
import { API_TOKEN, PASSWORD, failOnPageErrors, login } from "./helpers";

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
  await expect(table.locator("tbody tr")).toHaveCount(1);
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
