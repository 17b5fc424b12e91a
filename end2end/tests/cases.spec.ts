import { expect, Page, test } from "@playwright/test";
import { failOnPageErrors, issueDocument, login, waitForHydration } from "./helpers";

test.describe.configure({ mode: "serial" });

async function switchTo(page: Page, username: string, caseUrl: string) {
  await page.context().clearCookies();
  await login(page, username);
  await expect(page).toHaveURL(/\/work$/);
  await page.goto(caseUrl);
  await waitForHydration(page);
}

/** Opens a step's form, lets `fill` fill it, submits, and waits for the new state. */
async function takeStep(page: Page, kind: string, state: string, fill?: (form: ReturnType<Page["getByTestId"]>) => Promise<void>) {
  await page.waitForLoadState("networkidle");
  const step = page.getByTestId(`step-${kind}`);
  if (!(await step.evaluate((el) => (el as HTMLDetailsElement).open))) await step.locator("summary").click();
  if (fill) await fill(step);
  await step.getByTestId("step-submit").click();
  await expect(page.getByTestId("case-state")).toHaveAttribute("data-state", state);
  await expect(page.getByTestId("form-error")).toHaveCount(0);
}

/** The reviewer judges every checklist point (the list starts unanswered, issue 22 item 7). */
async function answerEveryPoint(page: Page) {
  const points = page.locator('[data-test^="pass-"]');
  // The checklist renders once the round has loaded: wait for it before counting.
  await expect(points.first()).toBeVisible();
  const n = await points.count();
  expect(n).toBeGreaterThanOrEqual(10);
  for (let i = 0; i < n; i++) await points.nth(i).check();
}

async function timelineHas(page: Page, action: string) {
  await expect(page.getByTestId("timeline").locator(`[data-action="${action}"]`)).toHaveCount(1);
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

test("a major case goes from clue to archive: returned by the reviewer, resubmitted, approved, decided by the head", async ({ page }) => {
  test.setTimeout(240_000);
  const noErrors = failOnPageErrors(page);
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/cases/new");
  await waitForHydration(page);
  await page.getByTestId("form[title]").fill("销售过期食品（端到端）");
  await page.getByTestId("form[description]").fill("巡查发现货架上有过期牛奶。");
  await page.getByTestId("form[location]").fill("临江市解放路 18 号");
  await page.getByTestId("form[act_date]").fill(chinaToday());
  await page.getByTestId("submit").click();
  await expect(page).toHaveURL(/\/work\/cases\/\d+$/);
  const caseUrl = page.url();
  await expect(page.getByTestId("case-state")).toHaveAttribute("data-state", "clue_registered");
  await timelineHas(page, "case.register_clue");

  // The party, with its credit code checked.
  await page.getByTestId("tab-parties").click();
  await page.getByTestId("party[kind]").selectOption("organisation");
  await page.getByTestId("party[name]").fill("临江市惠民超市有限公司");
  await page.getByTestId("party[credit_code]").fill("91339900MA2B3C4D5E");
  await page.getByTestId("party[legal_representative]").fill("张某");
  await page.getByTestId("party[address]").fill("临江市解放路 18 号");
  await page.getByTestId("party-submit").click();
  await expect(page.getByTestId("field-error").first()).toContainText("校验位");
  await page.getByTestId("party[credit_code]").fill("91339900MA2B3C4D5F");
  await page.getByTestId("party-submit").click();
  await expect(page.getByTestId("party-row")).toHaveCount(1);

  await page.getByTestId("tab-overview").click();
  await takeStep(page, "file_case", "filing_proposed", async (f) => {
    await f.getByTestId("form[officer_1]").selectOption({ label: "张伟" });
    await f.getByTestId("form[officer_2]").selectOption({ label: "李娜" });
  });

  await switchTo(page, "head.scjg", caseUrl);
  await takeStep(page, "approve_filing", "filed");
  await timelineHas(page, "case.approve_filing");
  await expect(page.getByTestId("deadline-badge").first()).toContainText("办案期限");

  await switchTo(page, "officer.zhang", caseUrl);
  await takeStep(page, "start_investigation", "investigating");
  await page.getByTestId("tab-evidence").click();
  await page.getByTestId("evidence-title").fill("货架照片");
  await page.getByTestId("evidence-at").fill(`${chinaToday()}T00:05`);
  await page.getByTestId("evidence-location").fill("临江市解放路 18 号");
  await page.getByTestId("evidence-officer-1").selectOption({ label: "张伟" });
  await page.getByTestId("evidence-officer-2").selectOption({ label: "李娜" });
  await page.getByTestId("evidence-file").setInputFiles({ name: "shelf.jpg", mimeType: "image/jpeg", buffer: Buffer.from("e2e photo bytes") });
  await page.getByTestId("evidence-submit").click();
  await expect(page.getByTestId("evidence-row")).toHaveCount(1);
  await expect(page.getByTestId("evidence-download")).toHaveText("shelf.jpg");
  await page.goto(caseUrl);
  await waitForHydration(page);
  await timelineHas(page, "case.record_evidence");
  // Flagged as complex, the case is in the catalog: it must pass legal review.
  await takeStep(page, "conclude_investigation", "investigation_concluded", async (f) => {
    await f.getByTestId("form[amount]").fill("8000");
    // A decision states the provision violated and the one applied (APL Art. 59).
    await f.getByTestId("form[provision_violated]").fill("《中华人民共和国食品安全法》第三十四条第十项");
    await f.getByTestId("form[provision_applied]").fill("《中华人民共和国食品安全法》第一百二十四条第一款");
    await f.getByTestId("flag-complex_facts").check();
  });
  await expect(page.getByTestId("major-criteria")).toContainText("疑难复杂");
  // A submission without its materials names the missing ones.
  await page.waitForLoadState("networkidle");
  const submit = page.getByTestId("step-submit_for_review");
  await submit.locator("summary").click();
  await submit.getByTestId("step-submit").click();
  await expect(submit.getByTestId("field-error").first()).toContainText("调查终结报告");
  await takeStep(page, "submit_for_review", "under_legal_review", async (f) => {
    await f.getByTestId("form[report]").fill("经查，当事人销售超过保质期的牛奶 12 盒，事实清楚，证据确凿。");
    await f.getByTestId("form[draft_decision]").fill("拟对当事人处以罚款人民币 6000 元。");
  });

  // Round 1: the reviewer returns it with an opinion.
  await switchTo(page, "reviewer.sun", "/work/reviews");
  await page.getByTestId("queue-row").filter({ hasText: "销售过期食品（端到端）" }).getByTestId("queue-link").click();
  await waitForHydration(page);
  await expect(page.getByTestId("material-draft")).toContainText("6000");
  // The reviewer sees whom the decision is about (the first point: the right subject).
  await expect(page.getByTestId("review-party")).toContainText("临江市惠民超市有限公司");
  // Nothing is pre-ticked: a one-click approval is not possible.
  await expect(page.locator('[data-test^="pass-"]:checked, [data-test^="problem-"]:checked')).toHaveCount(0);
  await answerEveryPoint(page);
  await page.getByTestId("problem-discretion").check();
  await page.getByTestId("comment-discretion").fill("拟罚款金额与调查终结报告认定的情节不一致。");
  await page.getByTestId("form[outcome]").selectOption("return_for_correction");
  await page.getByTestId("review-submit").click();
  await expect(page.getByTestId("field-error").first()).toContainText("审核意见");
  await page.getByTestId("form[opinion]").fill("请按裁量基准重新核定罚款金额后再送审。");
  await page.getByTestId("review-submit").click();
  await expect(page.getByTestId("review-done")).toBeVisible();

  // The officer sees the opinion, corrects the draft and resubmits: round 2.
  await switchTo(page, "officer.zhang", caseUrl);
  await expect(page.getByTestId("case-state")).toHaveAttribute("data-state", "review_returned");
  await expect(page.getByTestId("state-reason")).toContainText("重新核定罚款金额");
  await takeStep(page, "submit_for_review", "under_legal_review", async (f) => {
    await f.getByTestId("form[report]").fill("经查，当事人销售超过保质期的牛奶 12 盒，事实清楚，证据确凿；当事人主动下架并销毁。");
    await f.getByTestId("form[draft_decision]").fill("拟对当事人处以罚款人民币 8000 元。");
  });

  // Round 2: approved.
  await switchTo(page, "reviewer.sun", caseUrl);
  await page.getByTestId("open-review").click();
  await waitForHydration(page);
  await expect(page.getByTestId("review-round")).toHaveCount(2);
  await answerEveryPoint(page);
  await page.getByTestId("form[outcome]").selectOption("approve");
  await page.getByTestId("review-submit").click();
  await expect(page.getByTestId("review-done")).toBeVisible();
  await page.goto(caseUrl);
  await waitForHydration(page);
  await expect(page.getByTestId("case-state")).toHaveAttribute("data-state", "investigation_concluded");
  await timelineHas(page, "case.approve_review");
  await timelineHas(page, "case.return_review");
  await expect(page.getByTestId("timeline").locator('[data-action="case.submit_review"]')).toHaveCount(2);
  const rounds = page.getByTestId("review-round");
  await expect(rounds).toHaveCount(2);
  await expect(rounds.nth(0)).toHaveAttribute("data-outcome", "return_for_correction");
  await expect(rounds.nth(0)).toContainText("重新核定罚款金额");
  await expect(rounds.nth(1)).toHaveAttribute("data-outcome", "approve");

  await switchTo(page, "officer.zhang", caseUrl);
  await takeStep(page, "serve_prior_notice", "prior_notice_served", async (f) => {
    await f.getByTestId("form[amount]").fill("8000");
  });
  await takeStep(page, "waive_rights", "prior_notice_served");

  await switchTo(page, "head.scjg", caseUrl);
  await takeStep(page, "hold_collective_discussion", "collective_discussion", async (f) => {
    await f.getByTestId("form[reason]").fill("经集体讨论，同意按拟处罚意见作出决定。");
  });
  // A fine outside the discretion band without a justification is refused with the field named.
  await page.waitForLoadState("networkidle");
  const decide = page.getByTestId("step-decide");
  if (!(await decide.evaluate((el) => (el as HTMLDetailsElement).open))) await decide.locator("summary").click();
  await decide.getByTestId("form[amount]").fill("8000");
  await decide.getByTestId("form[standard]").selectOption({ index: 1 });
  await decide.getByTestId("form[circumstance]").selectOption("general");
  await decide.getByTestId("step-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("理由");
  await takeStep(page, "decide", "decided", async (f) => {
    await f.getByTestId("form[amount]").fill("8000");
    await f.getByTestId("form[standard]").selectOption({ index: 1 });
    await f.getByTestId("form[circumstance]").selectOption("general");
    await f.getByTestId("form[justification]").fill("当事人主动下架并销毁过期食品，依法从轻处罚。");
  });
  await expect(page.getByTestId("discretion")).toContainText("低于");

  await switchTo(page, "officer.zhang", caseUrl);
  // A decision is served as an issued document: until it is issued, serving waits and says why.
  await expect(page.getByTestId("waiting-serve")).toContainText("尚未签发");
  await expect(page.getByTestId("step-serve")).toHaveCount(0);
  await page.goto(`${caseUrl}?tab=documents`);
  await waitForHydration(page);
  const decisionDoc = page.getByTestId("document-row").filter({ hasText: "行政处罚决定书" }).first();
  await issueDocument(decisionDoc);
  await page.goto(caseUrl);
  await waitForHydration(page);
  await expect(page.getByTestId("waiting-steps")).toHaveCount(0);
  await takeStep(page, "serve", "served");
  await takeStep(page, "record_payment", "executing");

  await switchTo(page, "head.scjg", caseUrl);
  await takeStep(page, "close", "closed");

  await switchTo(page, "officer.zhang", caseUrl);
  await takeStep(page, "archive", "archived");
  await expect(page.getByTestId("no-actions")).toContainText("本案已办结");
  for (const action of ["case.serve", "case.record_payment", "case.close", "case.archive"]) await timelineHas(page, action);
  await page.getByTestId("tab-documents").click();
  await expect(page.getByTestId("document-row").filter({ hasText: "行政处罚决定书" })).toHaveCount(1);
  noErrors();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an officer decides a summary-procedure case on the spot", async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await login(page, "officer.wang");
    await expect(page).toHaveURL(/\/work$/);
    await page.goto("/work/cases/summary");
    await waitForHydration(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.getByTestId("form[title]").fill("占道经营");
    await page.getByTestId("form[description]").fill("在人行道上摆摊经营，经劝阻未改正。");
    await page.getByTestId("form[location]").fill("临江市中山路与北京路交叉口");
    await page.getByTestId("form[officer_2]").selectOption({ label: "陈静" });
    await page.getByTestId("form[penalty]").selectOption("fine");
    await page.getByTestId("form[amount]").fill("300");
    await page.getByTestId("form[party_kind]").selectOption("natural_person");
    await page.getByTestId("form[party_name]").fill("陈某");
    await page.getByTestId("form[id_number]").fill("110101199003071516");
    await page.getByTestId("form[address]").fill("临江市中山路 1 号");
    // Asked once (APL Art. 44): without confirming the party was told, nothing is submitted.
    await page.getByTestId("submit").click();
    await expect(page.getByTestId("form-error")).toHaveCount(0);
    expect(await page.getByTestId("confirm-informed").evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    await page.getByTestId("confirm-informed").check();
    await page.getByTestId("submit").click();
    // Over the Art. 51 limit for a person (200 yuan): refused with the reason.
    await expect(page.getByTestId("form-error")).toContainText("200");
    await page.getByTestId("form[amount]").fill("200");
    await page.getByTestId("submit").click();
    await expect(page).toHaveURL(/\/work\/cases\/\d+$/);
    await expect(page.getByTestId("case-state")).toHaveAttribute("data-state", "on_the_spot_decided");
    await takeStep(page, "file_summary_record", "summary_record_filed");
    await timelineHas(page, "case.summary_decide");
    const after = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(after).toBeLessThanOrEqual(390);
    noErrors();
  });
});

test("a licence revocation without a fine gives the party a hearing: reviewed, noticed with the hearing right, requested", async ({ page }) => {
  test.setTimeout(180_000);
  const noErrors = failOnPageErrors(page);
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto(`/work/cases?state=investigating&q=${encodeURIComponent("生产销售不合格电线")}`);
  await waitForHydration(page);
  await page.getByTestId("case-row").first().locator("a").first().click();
  await expect(page).toHaveURL(/\/work\/cases\/\d+$/);
  const caseUrl = page.url();
  await waitForHydration(page);
  await takeStep(page, "conclude_investigation", "investigation_concluded", async (f) => {
    await f.getByTestId("form[provision_violated]").fill("《中华人民共和国产品质量法》第十三条第二款");
    await f.getByTestId("form[provision_applied]").fill("《中华人民共和国产品质量法》第四十九条");
    await f.getByTestId("measure-revoke_licence").check();
  });
  // Revoking a licence is in the major-decision catalog: legal review first.
  await takeStep(page, "submit_for_review", "under_legal_review", async (f) => {
    await f.getByTestId("form[report]").fill("经查，当事人生产销售不合格电线，情节严重，事实清楚，证据确凿。");
    await f.getByTestId("form[draft_decision]").fill("拟吊销当事人的生产许可证。");
  });
  await switchTo(page, "reviewer.sun", caseUrl);
  await page.getByTestId("open-review").click();
  await waitForHydration(page);
  await answerEveryPoint(page);
  await page.getByTestId("form[outcome]").selectOption("approve");
  await page.getByTestId("review-submit").click();
  await expect(page.getByTestId("review-done")).toBeVisible();

  // No fine at all: the hearing right comes from the revocation (APL Art. 63 ¶1(3)).
  await switchTo(page, "officer.zhang", caseUrl);
  await takeStep(page, "serve_prior_notice", "prior_notice_served", async (f) => {
    await f.getByTestId("form[amount]").fill("0");
    await f.getByTestId("form[method]").selectOption("direct");
  });
  await takeStep(page, "request_hearing", "hearing_requested");
  await timelineHas(page, "case.request_hearing");
  noErrors();
});

test("the case list filters overdue cases and shows red badges", async ({ page }) => {
  await login(page, "officer.zhang");
  await expect(page).toHaveURL(/\/work$/);
  await page.goto("/work/cases?deadline=overdue");
  const rows = page.getByTestId("case-row");
  await expect(rows.first()).toBeVisible();
  const badges = page.getByTestId("case-table").getByTestId("deadline-badge");
  const count = await badges.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(badges.nth(i)).toHaveAttribute("data-level", "overdue");
});
