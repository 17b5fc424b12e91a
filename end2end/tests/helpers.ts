import { expect, Locator, Page } from "@playwright/test";

export const PASSWORD = process.env.TIANPING_DEMO_PASSWORD ?? "Tianping-Demo-2026";
export const API_TOKEN = process.env.TIANPING_DEMO_API_TOKEN ?? "tpk_demo-hotline-12345-not-for-real-use-2026";

/** Fails the test on any uncaught page error (a dead hydration shows up here). */
export function failOnPageErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("the server responded with a status of 4")) errors.push(m.text());
  });
  return () => expect(errors, "page errors").toEqual([]);
}

/** Waits until the page has hydrated (the wasm bundle ran and attached handlers). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__tianping_hydrated === true, null, { timeout: 30_000 });
}

export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/** Issues a document from its row: the first click only opens the second look (what issuing
 *  will do), the second confirms. Retried until the page has taken it (hydration). */
export async function issueDocument(row: Locator) {
  const confirm = row.getByTestId("issue-confirm");
  await expect(async () => {
    if (!(await confirm.evaluate((el) => (el as HTMLDetailsElement).open))) await row.getByTestId("issue-open").click();
    await expect(row.getByTestId("issue-submit")).toBeVisible({ timeout: 1_000 });
    await row.getByTestId("issue-submit").click();
    await expect(row.getByTestId("issued-number")).toHaveCount(1, { timeout: 3_000 });
  }).toPass();
}
