import type { FastifyInstance, FastifyReply } from "fastify";
import { addDays } from "../../../../../platform/dates.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import type { TenantContext } from "../../../../../platform/tenancy/data-access.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { supervisionPermissions } from "../../../permissions.js";
import { supervisionKinds } from "../../../schema.js";
import { kindNames, partTimeNames, targetNames } from "../../reference.js";
import { isUuid, type PageOptions, ruleErrorState } from "../shared.js";
import { type RuleForm, ruleForm } from "./schema.js";

type Values = Record<string, unknown>;

const chosen = (v: unknown): Set<string> =>
  new Set((Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String));

/** `/supervision/policy/rules/new`: a new rule (`?after=<ruleId>` starts from an ended rule). */
export async function ruleNewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;
  const permission = supervisionPermissions.manage;

  async function render(reply: FastifyReply, ctx: TenantContext, form: FormState) {
    const v = form.values;
    const lookups = await app.people.lookups(ctx);
    const selectItems = (name: string, options: { value: string; text: string }[], placeholder: string) => [
      { value: "", text: placeholder, selected: !v[name] },
      ...options.map((o) => ({ ...o, selected: v[name] === o.value })),
    ];
    const kinds = chosen(v.counting_kinds);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/policy/pages/rule-new/view.njk", {
        pageTitle: "Add a supervision rule",
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        jobRoleItems: selectItems(
          "job_role_id",
          lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
          "Select a job role",
        ),
        careerLevelItems: selectItems(
          "career_level",
          lookups.careerLevels.map((l) => ({ value: l.code, text: l.name })),
          "Select a career level",
        ),
        targetNames,
        unitItems: (["weeks", "months"] as const).map((u, i) => ({
          value: u,
          text: u === "weeks" ? "Weeks" : "Months",
          ...(i === 0 ? { id: "every_unit" } : {}),
          checked: v.every_unit === u,
        })),
        partTimeItems: (["same", "pro_rata"] as const).map((p, i) => ({
          value: p,
          text: partTimeNames[p],
          hint: {
            text:
              p === "same"
                ? "Everyone is supervised as often, whatever their hours"
                : "The interval is divided by their FTE: every 4 weeks at 0.5 FTE is every 8 weeks",
          },
          ...(i === 0 ? { id: "part_time" } : {}),
          checked: v.part_time === p,
        })),
        kindItems: supervisionKinds.map((k, i) => ({
          value: k,
          text: kindNames[k],
          id: i === 0 ? "counting_kinds" : `counting_kinds-${i + 1}`,
          checked: kinds.has(k),
        })),
      });
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    "/supervision/policy/rules/new",
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const after = request.query.after;
      let values: Values = { part_time: "same", counting_kinds: ["individual"] };
      if (isUuid(after)) {
        const r = await policy.rule(ctx, after);
        if (r) {
          values = {
            applies_to: r.appliesTo,
            job_role_id: r.jobRoleId ?? "",
            career_level: r.careerLevel ?? "",
            every_value: r.everyValue === null ? "" : String(r.everyValue),
            every_unit: r.everyUnit ?? "",
            part_time: r.partTime,
            counting_kinds: r.countingKinds,
            expected_minutes: r.expectedMinutes === null ? "" : String(r.expectedMinutes),
            ...(r.validTo ? dateInputValues("valid_from", addDays(r.validTo, 1)) : {}),
          };
        }
      }
      return render(reply, ctx, { values, errors: {} });
    },
  );

  app.post(
    "/supervision/policy/rules/new",
    { config: { permission, form: ruleForm } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const result = request.formResult as FormResult<RuleForm>;
      if (!result.ok) return render(reply, ctx, result);
      try {
        const id = await policy.createRule(ctx, result.data);
        setNotice(request, "Rule added");
        return reply.redirect(`/supervision/policy/rules/${id}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, ctx, ruleErrorState(err, request.body));
      }
    },
  );
}
