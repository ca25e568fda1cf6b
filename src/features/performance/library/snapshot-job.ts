import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon } from "../../../platform/dates.js";
import type { JobContext } from "../../../platform/jobs/job-runner.js";
import { formatDate } from "../../../platform/views/render.js";
import { isPeriodEnd, periodName, previousMonthEnd } from "./periods.js";

export const SNAPSHOT_JOB = "performance.snapshot";
/** 02:30 on the 1st of every month (Europe/London): last month's snapshot. */
export const SNAPSHOT_CRON = "30 2 1 * *";

/**
 * The monthly job: takes the previous month end's snapshot for every council (or the one the job
 * was queued for, and the month in its payload when given, by its last day: any other date is
 * refused rather than read as last month), reporting progress council by council.
 * A month that is not over in England (its last day is today or later) is refused: its snapshot
 * would freeze figures still changing, and the board would be shown them as the month's.
 */
export async function runSnapshotJob(app: FastifyInstance, job: JobContext): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const asked = job.job.payload?.periodEnd;
  // A month asked for by its last day; anything else is refused, not quietly read as last month.
  if (asked !== undefined && asked !== null && !isPeriodEnd(asked)) {
    throw new Error(
      `${JSON.stringify(asked)} is not the last day of a month: a snapshot is taken for a month, by its last day (for example 2026-10-31)`,
    );
  }
  const periodEnd = asked ?? previousMonthEnd(today);
  if (periodEnd >= today) {
    throw new Error(
      `${periodName(periodEnd)} is not over yet: its snapshot can be taken from ${formatDate(addDays(periodEnd, 1), false)}`,
    );
  }
  let tenants = await app.platform.data.system
    .selectFrom("tenants")
    .select("id")
    .orderBy("created_at")
    .execute();
  if (job.job.tenant_id) tenants = tenants.filter((t) => t.id === job.job.tenant_id);
  let written = 0;
  for (const [n, tenant] of tenants.entries()) {
    const ctx = { tenantId: tenant.id, actor: { id: `job:${SNAPSHOT_JOB}` } };
    const note = `${periodEnd}: council ${n + 1} of ${tenants.length}`;
    written += await app.performance.takeSnapshot(ctx, periodEnd, (done, total) =>
      job.progress(done, total, note),
    );
  }
  job.log.info({ periodEnd, written }, "performance snapshot taken");
}
