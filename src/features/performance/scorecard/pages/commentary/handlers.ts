import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isMeasureKey, type MeasureKey, measureDefinitions } from "../../../library/definitions.js";
import { performancePermissions } from "../../../permissions.js";
import { buildScorecard } from "../../build.js";
import { type Period, targetText, valueText } from "../../format.js";
import { commentaries, saveCommentary } from "../../scorecard.repository.js";
import { mayWriteCommentary } from "../measure/handlers.js";
import { forbidden, notFound, pageUrl, type Query, readUnitAndPeriod, type ViewerUnit } from "../shared.js";
import { type CommentaryForm, commentaryForm, MAX_COMMENTARY } from "./schema.js";

type Req = FastifyRequest<{ Params: { measureKey: string }; Querystring: Query }>;

/**
 * `/performance/measures/:measureKey/commentary?unit=&period=`: the measure's owner, or a holder
 * of performance.manage, writes or replaces its commentary for a unit's month (one per measure,
 * unit and month). Others who may see the scorecard get 403; a unit out of scope 404.
 */
export async function commentaryRoutes(app: FastifyInstance) {
  /** The measure, unit and period the URL names, or the reply already sent (403 or 404). */
  async function start(
    request: Req,
    reply: FastifyReply,
  ): Promise<{ key: MeasureKey; unit: ViewerUnit; period: Period } | { answered: FastifyReply }> {
    const key = request.params.measureKey;
    if (!isMeasureKey(key)) return { answered: notFound(reply) };
    if (!(await mayWriteCommentary(app, request, key))) return { answered: forbidden(reply) };
    const page = await readUnitAndPeriod(app, request);
    if (!page) return { answered: notFound(reply) };
    return { key, unit: page.unit, period: page.period };
  }

  async function render(
    request: Req,
    reply: FastifyReply,
    page: { key: MeasureKey; unit: ViewerUnit; period: Period },
    state: { values?: Record<string, unknown>; errors?: Record<string, string>; errorSummary?: unknown[] },
  ) {
    const { key, unit, period } = page;
    const ctx = request.tenantContext();
    const def = measureDefinitions[key];
    const [scorecard, existing] = await Promise.all([
      buildScorecard(app, ctx, { unitId: unit.unitId, period, trendMonths: 1 }),
      app.platform.data.run(ctx, (db) =>
        commentaries(db, { unitId: unit.unitId, periodEnd: period.periodEnd, measureKey: key }),
      ),
    ]);
    const row = scorecard.find((r) => r.key === key);
    const current = existing[0] ?? null;
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("performance/scorecard/pages/commentary/view.njk", {
        pageTitle: `Commentary for ${period.name}: ${def.title}`,
        def,
        unitName: unit.name,
        period,
        valueText: valueText(row?.value ?? null, def.format),
        targetText: row?.target ? targetText(row.target, def.format) : null,
        existing: current,
        values: state.values ?? { body: current?.body ?? "" },
        errors: state.errors ?? {},
        errorSummary: state.errorSummary ?? [],
        maxLength: MAX_COMMENTARY,
        backHref: pageUrl(`/performance/measures/${key}`, unit.unitId, period),
      });
  }

  const url = "/performance/measures/:measureKey/commentary";
  app.get<{ Params: { measureKey: string }; Querystring: Query }>(
    url,
    { config: { permission: performancePermissions.view } },
    async (request, reply) => {
      const page = await start(request, reply);
      if ("answered" in page) return page.answered;
      return render(request, reply, page, {});
    },
  );

  app.post<{ Params: { measureKey: string }; Querystring: Query }>(
    url,
    { config: { permission: performancePermissions.view, form: commentaryForm } },
    async (request, reply) => {
      const page = await start(request, reply);
      if ("answered" in page) return page.answered;
      const result = request.formResult as FormResult<CommentaryForm>;
      if (!result.ok) return render(request, reply, page, result);
      const ctx = request.tenantContext();
      await app.platform.data.run(ctx, (db) =>
        saveCommentary(db, {
          measureKey: page.key,
          unitId: page.unit.unitId,
          periodEnd: page.period.periodEnd,
          body: result.data.body,
          writtenBy: ctx.actor.id,
          writtenAt: app.platform.clock.now(),
        }),
      );
      setNotice(request, `Commentary saved for ${measureDefinitions[page.key].title}, ${page.period.name}`);
      return reply.redirect(pageUrl(`/performance/measures/${page.key}`, page.unit.unitId, page.period));
    },
  );
}
