import { expect, test } from "@playwright/test";
import { failOnPageErrors, login, waitForHydration } from "./helpers";

const ROLES: [string, string, string][] = [
  ["admin", "admin", "系统管理员"],
  ["officer.zhang", "officer", "执法人员"],
  ["head.scjg", "agency_head", "机关负责人"],
  ["reviewer.sun", "legal_reviewer", "法制审核人员"],
  ["supervisor.wu", "supervisor", "执法监督人员"],
];

for (const [username, role, label] of ROLES) {
  test(`${username} signs in and sees the ${role} home page`, async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await login(page, username);
    await expect(page).toHaveURL(/\/work$/);
    const home = page.getByTestId("home");
    await expect(home).toHaveAttribute("data-role", role);
    await expect(page.getByTestId("home-role")).toHaveText(label);
    await expect(page.getByTestId("side-nav")).toHaveAttribute("data-role", role);
    noErrors();
  });
}

test("a wrong password gives a clear error and keeps the user name", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await login(page, "officer.zhang", "definitely-wrong");
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await expect(page.getByTestId("login-username")).toHaveValue("officer.zhang");
  await expect(page).toHaveURL(/\/login/);
  noErrors();
});

test("an officer gets 403 on an admin page and 404 on another agency", async ({ page, request }) => {
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  const admin = await page.goto("/admin/users");
  expect(admin?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  // Another agency's record answers as if it did not exist.
  const agencies = await (await page.request.get("/api/v1/public/agencies")).json();
  expect(agencies.length).toBeGreaterThan(1);
  const other = await page.goto("/work/agencies/2");
  expect(other?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  const api = await page.request.get("/api/v1/agencies/2");
  expect(api.status()).toBe(404);
});

test("signing out ends the session", async ({ page }) => {
  await login(page, "head.scjg");
  await expect(page).toHaveURL(/\/work$/);
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login$/);
  const res = await page.goto("/work");
  await expect(page).toHaveURL(/\/login/);
  expect(res?.ok()).toBeTruthy();
});

test("the portal works on a phone and switches to English", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("行政执法公示");
  await expect(page.getByTestId("agency-list").locator("li")).toHaveCount(3);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByTestId("lang-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enforcement disclosure");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  noErrors();
});

test("an admin adds an agency and a bad credit code is named", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await login(page, "admin");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/admin/agencies");
  await waitForHydration(page);
  const form = page.getByTestId("agency-form");
  await form.locator('[data-test="input[name]"]').fill("临江市交通运输局");
  await form.locator('[data-test="input[code]"]').fill("JTYS");
  await form.locator('[data-test="input[short_name]"]').fill("临交");
  await form.locator('[data-test="input[region_code]"]').fill("339900");
  await form.locator('[data-test="input[region_name]"]').fill("临江市");
  await form.locator('[data-test="input[credit_code]"]').fill("11339900MB0500015X");
  await form.locator('[data-test="input[legal_basis]"]').fill("《中华人民共和国道路运输条例》");
  await page.getByTestId("agency-submit").click();
  await expect(form.getByTestId("field-error")).toHaveText("「统一社会信用代码」校验位不正确，请核对号码");
  // The input is kept; fix the one field and submit again.
  await expect(form.locator('[data-test="input[name]"]')).toHaveValue("临江市交通运输局");
  await form.locator('[data-test="input[credit_code]"]').fill("11339900MB0500015W");
  await page.getByTestId("agency-submit").click();
  await expect(page.getByTestId("admin-agency-table")).toContainText("临江市交通运输局");
  noErrors();
});
