import { expect, test } from "@playwright/test";
import { failOnPageErrors, issueDocument, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

test("an officer previews, issues, corrects and downloads documents; the public verifies them", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);

  // A served case of the market regulator: its decision was issued when it was decided.
  await page.goto("/work/cases?state=served");
  await waitForHydration(page);
  const href = await page.getByTestId("case-row").first().locator("a").getAttribute("href");
  await page.goto(`${href}?tab=documents`);
  await waitForHydration(page);
  const decision = page.getByTestId("document-row").filter({ hasText: "行政处罚决定书" }).first();
  await expect(decision.getByTestId("issued-number")).toContainText(/罚决〔\d{4}〕\d+号/);

  // The prior notice has not been issued yet: preview it, then issue it.
  const notice = page.getByTestId("document-row").filter({ hasText: "行政处罚事先告知书" }).first();
  const previewHref = await notice.getByTestId("document-preview").getAttribute("href");
  const preview = await page.request.get(previewHref!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect((await preview.body()).subarray(0, 4).toString()).toBe("%PDF");

  // One click only opens a second look saying what issuing does; nothing is issued yet.
  await expect(notice.getByTestId("issue-submit")).toBeHidden();
  await notice.getByTestId("issue-open").click();
  await expect(notice.getByTestId("issue-confirm")).toContainText("文号");
  await expect(notice.getByTestId("issued-number")).toHaveCount(0);
  await issueDocument(notice);
  await expect(notice.getByTestId("issued-number")).toContainText(/罚告〔\d{4}〕\d+号/);
  const firstCode = (await notice.getByTestId("issued-code").innerText()).trim();
  expect(firstCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

  // Download the issued PDF.
  const fileHref = await notice.getByTestId("issued-download").first().getAttribute("href");
  const file = await page.request.get(fileHref!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-disposition"]).toContain("attachment");
  const pdf = await file.body();
  expect(pdf.length).toBeLessThan(200 * 1024);

  // A correction needs a reason; with one, a new version supersedes the first, both kept.
  await notice.getByTestId("reissue").locator("summary").click();
  await notice.getByTestId("reissue-submit").click();
  await expect(page.getByTestId("field-error").first()).toContainText("理由");
  await notice.getByTestId("reason").fill("更正送达地址笔误");
  await notice.getByTestId("reissue-submit").click();
  await expect(notice.getByTestId("issued-document")).toHaveCount(2);
  await expect(notice.getByTestId("issued-document").nth(1)).toContainText("已被新版本替代");
  const secondCode = (await notice.getByTestId("issued-code").first().innerText()).trim();
  expect(secondCode).not.toBe(firstCode);

  // The timeline records both issues.
  await page.goto(`${href}?tab=overview`);
  await waitForHydration(page);
  await expect(page.getByTestId("timeline").locator('[data-action="document.issue"]')).not.toHaveCount(0);
  noErrors();

  // A member of the public, without an account.
  await page.context().clearCookies();
  await page.goto("/");
  await waitForHydration(page);
  await page.getByTestId("verify-link").click();
  await expect(page).toHaveURL(/\/portal\/verify$/);
  await page.getByTestId("verify-code").fill(secondCode.toLowerCase());
  await page.getByTestId("verify-code-submit").click();
  await expect(page.getByTestId("verify-verdict")).toContainText("真实有效");
  await expect(page.getByTestId("verify-kind")).toHaveText("行政处罚事先告知书");

  await page.goto(`/portal/verify?code=${firstCode}`);
  await expect(page.getByTestId("verify-verdict")).toContainText("已不再有效");
  await expect(page.getByTestId("verify-status")).toContainText("更正送达地址笔误");

  await page.goto("/portal/verify?code=ZZZZ");
  await expect(page.getByTestId("error-page").or(page.locator(".alert-error"))).toContainText("核验码");

  await page.goto("/portal/verify?code=0000-0000");
  await expect(page.getByTestId("verify-not-found")).toBeVisible();

  // Uploading the first version's PDF: genuine, but superseded.
  await page.goto("/portal/verify");
  await waitForHydration(page);
  await page.getByTestId("verify-file").setInputFiles({ name: "notice.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByTestId("verify-file-submit").click();
  await expect(page).toHaveURL(/sha256=[0-9a-f]{64}/);
  await expect(page.getByTestId("verify-verdict")).toContainText("已不再有效");
  // One changed byte: not genuine.
  const altered = Buffer.from(pdf);
  altered[Math.floor(altered.length / 2)] ^= 1;
  await page.goto("/portal/verify");
  await waitForHydration(page);
  await page.getByTestId("verify-file").setInputFiles({ name: "forged.pdf", mimeType: "application/pdf", buffer: altered });
  await page.getByTestId("verify-file-submit").click();
  await expect(page.getByTestId("verify-not-found")).toBeVisible();
  noErrors();
});
