import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { SCREENSHOT_DIR } from "../fixtures/e2e";
import { signedInOwner } from "../fixtures/e2e-agent";
import { e2eJobsForFile } from "../fixtures/e2e-jobs";

// The evaluation page: the admin imports cases from CSV (a bad line is reported by number),
// starts a run, watches its progress and reads the verdicts. The run's job runs in this process
// (the real Inngest function through @inngest/test, against the e2e server's database and the
// fake Gemini it uses, whose judge marks an expectation met when the reply contains it).
const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/evals-${name}.png`, fullPage: true });
const jobs = e2eJobsForFile();

async function runEvaluationJob(runPublicId: string, organizationId: number) {
  await jobs.pointAtServerBackends();
  const { runEvaluationLikeInngest } = await import("../fixtures/inngest");
  const out = await runEvaluationLikeInngest(organizationId, runPublicId, 1);
  expect(out.error).toBeUndefined();
}

test("the admin writes a suite from CSV, runs it, watches progress and reads the verdicts", async ({
  page,
}) => {
  const o = await signedInOwner(page);
  await page.goto(`/${o.slug}/agents/new`);
  await page.getByLabel("Name").fill("Evaluated helper");
  await page.getByLabel("System prompt").fill("You help the customers of {company}.");
  // The variables are listed beside the prompt editor. (This page's own axe findings, in the
  // persona picker and the preview, are not this spec's subject.)
  await expect(page.getByRole("list", { name: "Prompt variables" })).toContainText("{company}");
  await page.getByTestId("create-agent-submit").click();
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/agents/[0-9a-f-]{36}`));
  const publicId = /agents\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.getByRole("link", { name: "Evaluation" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${publicId}/evals`));
  await expect(page.getByText("No test cases yet.")).toBeVisible();
  await expectAccessible(page);

  await page
    .getByLabel("Cases as CSV")
    .fill(
      [
        "input,expectations,must_not",
        '"Where is my order, please?","You said | order, please",promises a refund',
        "Do you ship abroad?,mentions 30-day returns,",
        "broken line,only two",
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Import cases" }).click();
  await expect(page.getByText("Imported 2 cases.")).toBeVisible();
  await expect(page.getByText(/Line 4: Expected 3 fields, found 2/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Test cases" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("This run makes 4 Gemini calls")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot(shot("suite"));

  await page.getByRole("button", { name: "Run evaluation" }).click();
  await expect(page.getByLabel("Latest run")).toContainText("0 of 2 cases");
  await expectAccessible(page);
  await page.screenshot(shot("pending"));

  const [run] = await jobs.sql()<{ public_id: string; organization_id: string }[]>`
    select r.public_id, r.organization_id from agent_eval_runs r join agents a on a.id = r.agent_id
    where a.public_id = ${publicId}`;
  await runEvaluationJob(run!.public_id, Number(run!.organization_id));

  // The page refreshes itself while the run is active.
  const latest = page.getByLabel("Latest run");
  await expect(latest).toContainText("2 of 2 cases", { timeout: 15_000 });
  await expect(latest).toContainText("succeeded");
  // 2 of 3 expectations met: the shipping answer does not mention returns.
  await expect(latest).toContainText("score 67 %");
  const verdicts = page.getByTestId("eval-case-result");
  await expect(verdicts.first()).toContainText("passed");
  await expect(verdicts.nth(1)).toContainText("failed");
  await expect(verdicts.nth(1)).toContainText(
    '✗ mentions 30-day returns — The reply does not say "mentions 30-day returns".',
  );
  await expectAccessible(page);
  await page.screenshot(shot("verdicts"));
});
