import { expect, test } from "@playwright/test";
import { failOnPageErrors, login } from "./helpers";

// The workbench is the day's work (issue 22 item 1), on a phone.
test.use({ viewport: { width: 390, height: 844 } });

for (const user of ["officer.zhang", "head.scjg"]) {
  test(`${user}'s workbench lists the cases waiting for them, each leading to its case`, async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await login(page, user);
    await expect(page).toHaveURL(/\/work$/);
    const todo = page.getByTestId("todo");
    await expect(todo).toBeVisible();
    const items = page.getByTestId("todo-yours").getByTestId("todo-item");
    // The list loads after a client-side sign-in: wait for it before counting.
    await expect(items.first()).toBeVisible();
    const n = await items.count();
    expect(n).toBeGreaterThan(0);
    await expect(page.getByTestId("todo-count")).toHaveText(String(n));
    // The list is above the profile card: the first thing on the page.
    const todoBox = (await todo.boundingBox())!;
    const homeBox = (await page.getByTestId("home").boundingBox())!;
    expect(todoBox.y).toBeLessThan(homeBox.y);
    // The first item names its next step and opens the case page, which offers that step.
    const first = items.first();
    const caseId = await first.getAttribute("data-case");
    const stepText = (await first.getByTestId("todo-steps").textContent())!;
    expect(stepText).toMatch(/^下一步：/);
    await first.getByTestId("todo-steps").click();
    await expect(page).toHaveURL(new RegExp(`/work/cases/${caseId}$`));
    const firstStep = stepText.replace(/^下一步：/, "").split("、")[0];
    await expect(page.locator("main")).toContainText(firstStep);
    noErrors();
  });
}

test("the supervisor's workbench counts warnings, complaints to assign and overdue matters", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await login(page, "supervisor.wu");
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByTestId("supervision-day")).toBeVisible();
  const warnings = page.getByTestId("day-warnings");
  expect(Number(await warnings.getAttribute("data-count"))).toBeGreaterThan(0);
  // The demo's seizure past its limit and its warned inspections are counted too.
  await expect(page.getByTestId("day-measures")).toHaveAttribute("data-count", /^[1-9]/);
  await expect(page.getByTestId("day-inspections")).toHaveAttribute("data-count", /^[1-9]/);
  await warnings.click();
  await expect(page).toHaveURL(/\/work\/warnings$/);
  noErrors();
});

test("the agency head's workbench lists the coercive measures and inspections waiting for a step", async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await login(page, "head.scjg");
  await expect(page).toHaveURL(/\/work$/);
  const tasks = page.getByTestId("todo-tasks").getByTestId("todo-task");
  await expect(tasks.first()).toBeVisible();
  // Measures come first; the demo's seizure past its limit is among them.
  await expect(tasks.first()).toHaveAttribute("data-kind", "coercive_measure");
  await expect(page.locator('[data-test="todo-task"][data-kind="inspection"]').first()).toBeVisible();
  await expect(page.getByTestId("todo-tasks-count")).toHaveText(String(await tasks.count()));
  await tasks.first().getByTestId("todo-task-steps").click();
  await expect(page).toHaveURL(/\/work\/coercive$/);
  noErrors();
});
