import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { caseloadPermissions } from "../../permissions.js";
import { notFound, type PageOptions, queryString, readUnit } from "../shared.js";
import { type RecordFormData, recordForm } from "./schema.js";

const permission = caseloadPermissions.record;

/**
 * `/caseloads/record`: a manager types the number of children each person in a team holds as at
 * a date (a typed snapshot). Council-wide roles choose a team first.
 */
export async function recordRoutes(app: FastifyInstance, opts: PageOptions) {
  async function render(request: FastifyRequest, reply: FastifyReply, unitValue: unknown, state: FormState) {
    const ctx = request.tenantContext();
    const scope = request.scope(permission);
    const choice = await readUnit(app, ctx, scope, unitValue);
    if (!choice) return notFound(reply);
    const chosen = choice.unitId !== null || !choice.wholeCouncil;
    const workers = chosen ? await opts.caseloads.workers(ctx, scope, choice.unitIds) : [];
    const names = new Map(choice.rows.map((r) => [r.orgUnitId, r.name]));
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/record/view.njk", {
      pageTitle: "Record caseloads",
      unitItems: choice.items,
      unitId: choice.unitId ?? "",
      chosen,
      action: `/caseloads/record${queryString({ unit: choice.unitId })}`,
      workers: workers.map((w) => ({
        id: `children-${w.personId}`,
        name: w.name,
        team: names.get(w.orgUnitId) ?? "",
        latest: w.children,
        latestOn: w.asAt,
        cap: w.cap,
        value: state.values[`children-${w.personId}`] ?? "",
        error: state.errors[`children-${w.personId}`],
      })),
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    "/caseloads/record",
    { config: { permission } },
    (request, reply) =>
      render(request, reply, request.query.unit, {
        values: dateInputValues("as_at", opts.caseloads.today()),
        errors: {},
      }),
  );

  app.post<{ Querystring: Record<string, unknown> }>(
    "/caseloads/record",
    { config: { permission, form: recordForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<RecordFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      delete values._csrf;
      const unit = request.query.unit;
      if (!result.ok)
        return render(request, reply, unit, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      try {
        const snapshotId = await opts.caseloads.recordTyped(
          request.tenantContext(),
          request.scope(permission),
          result.data.asAt,
          result.data.rows,
        );
        setNotice(
          request,
          `Caseloads recorded for ${result.data.rows.length} ${result.data.rows.length === 1 ? "person" : "people"}`,
        );
        return reply.redirect(`/caseloads/snapshots/${snapshotId}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, unit, { values, ...ruleErrorView(err) });
      }
    },
  );
}
