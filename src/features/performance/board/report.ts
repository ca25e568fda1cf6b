import type { FastifyInstance } from "fastify";
import { dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { statusNames } from "../plans/pages/schema.js";
import { buildScorecard, type ScoreRow, withoutSnapshot } from "../scorecard/build.js";
import { formatFigure, type Period, ragWord, targetText, valueText } from "../scorecard/format.js";
import { type CommentaryRow, commentaries } from "../scorecard/scorecard.repository.js";
import type { BoardPack } from "./pack.js";

export const TREND_MONTHS = 12;

export type PlanSummary = NonNullable<Awaited<ReturnType<FastifyInstance["plans"]["summary"]>>>;

export interface BoardReport {
  pack: BoardPack;
  scorecard: ScoreRow[];
  plan: PlanSummary | null;
  commentary: Map<string, CommentaryRow>;
  /** A past month no snapshot holds (the month's job has not run yet): worked out now, may change. */
  noSnapshot: boolean;
}

/**
 * The council's board report for a month: the council-wide scorecard with 12 months' figures
 * (snapshots; the current month live and provisional), the latest action plan's summary and each
 * measure's commentary for the month.
 */
export async function boardReport(
  app: FastifyInstance,
  ctx: TenantContext,
  period: Period,
  councilName: string,
): Promise<BoardReport> {
  const [scorecard, plan, comments] = await Promise.all([
    buildScorecard(app, ctx, { unitId: null, period, trendMonths: TREND_MONTHS }),
    // A past month: the plan as it stood at the month's end, not today's statuses.
    app.plans.summary(ctx, undefined, period.live ? undefined : period.periodEnd),
    app.platform.data.run(ctx, (db) => commentaries(db, { unitId: null, periodEnd: period.periodEnd })),
  ]);
  const commentary = new Map(comments.map((c) => [c.measureKey, c]));
  const noSnapshot = withoutSnapshot(period, scorecard);
  const pack: BoardPack = {
    periodEnd: period.periodEnd,
    periodName: period.name,
    provisional: period.live || noSnapshot,
    councilName,
    months: scorecard[0]?.trend.map((t) => t.periodEnd) ?? [],
    measures: scorecard.map((r) => ({
      title: r.def.title,
      value: valueText(r.value, r.def.format),
      target: r.target ? targetText(r.target, r.def.format) : "",
      rag: ragWord(r.rag),
      direction:
        (r.target?.direction ?? r.def.direction) === "higher" ? "Higher is better" : "Lower is better",
      targetDate: r.target?.targetDate ?? null,
      source: r.def.source === "entered" ? "Entered" : "Computed",
      trend: r.trend.map((t) =>
        t.suppressed
          ? "hidden"
          : t.value === null
            ? null
            : Number(formatFigure(t.value, r.def.format, false)),
      ),
    })),
    actions: (plan?.outcomes ?? []).flatMap((o) =>
      o.actions.map((a) => ({
        outcome: `${o.outcome.number}. ${o.outcome.title}`,
        action: a.action.title,
        owner: a.ownerName ?? "",
        due: a.action.due_on,
        status: statusNames[a.action.status],
        overdue: a.overdue,
      })),
    ),
    commentary: scorecard.flatMap((r) => {
      const c = commentary.get(r.key);
      return c
        ? [
            {
              measure: r.def.title,
              author: c.authorName ?? "",
              date: dateInLondon(c.writtenAt),
              text: c.body,
            },
          ]
        : [];
    }),
  };
  return { pack, scorecard, plan, commentary, noSnapshot };
}
