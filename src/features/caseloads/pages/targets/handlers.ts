import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { caseloadPermissions } from "../../permissions.js";
import type { TargetRow } from "../../targets.repository.js";
import { endRoutes } from "../end-page.js";
import type { PageOptions } from "../shared.js";
import { type TargetFormData, targetForm } from "./schema.js";

const permission = caseloadPermissions.manage;

function targetSubject(t: TargetRow): string {
  if (t.kind === "team_average")
    return t.unitName ? `Team average: ${t.unitName} and the units below it` : "Team average: every team";
  const who = [t.careerLevelName ?? t.careerLevel, t.jobRoleName].filter(Boolean).join(", ");
  return `Individual cap: ${who || "everyone"}`;
}

function targetValue(t: { children: number | null; percentOfTeam: number | null }): string {
  return t.children !== null ? `${t.children} children` : `${t.percentOfTeam}% of the team's target`;
}

/**
 * `/caseloads/targets` (+ `/new`, `/:targetId/end`): targets are effective-dated and never edited
 * in place: a new one for the same subject ends the one before; a target can be ended.
 */
export async function targetsRoutes(app: FastifyInstance, opts: PageOptions) {
  const { caseloads } = opts;

  app.get(
    "/caseloads/targets",
    { config: { permission: caseloadPermissions.view } },
    async (request, reply) => {
      const rows = await caseloads.targetsList(request.tenantContext());
      const today = caseloads.today();
      const manage = request.principal !== null && app.platform.policy.can(request.principal, permission);
      return reply.render("caseloads/pages/targets/list.njk", {
        pageTitle: "Caseload targets",
        rows: rows.map((t) => ({
          ...t,
          subject: targetSubject(t),
          value: targetValue(t),
          inForce: t.validFrom <= today && (t.validTo === null || t.validTo >= today),
          endHref:
            manage && (t.validTo === null || t.validTo >= today) ? `/caseloads/targets/${t.id}/end` : null,
        })),
        manage,
        notification: takeNotice(request),
      });
    },
  );

  async function renderNew(request: FastifyRequest, reply: FastifyReply, state: FormState) {
    const lookups = await app.people.lookups(request.tenantContext());
    const v = state.values;
    const select = (list: { value: string; text: string }[], chosen: unknown, none: string) => [
      { value: "", text: none },
      ...list.map((i) => ({ ...i, selected: i.value === chosen })),
    ];
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/targets/new.njk", {
      pageTitle: "New caseload target",
      values: v,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      unitItems: select(
        lookups.units.map((u) => ({
          value: u.orgUnitId,
          text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
        })),
        v.org_unit_id,
        "Every team (council-wide)",
      ),
      roleItems: select(
        lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
        v.job_role_id,
        "Any job role",
      ),
      levelItems: select(
        lookups.careerLevels.map((l) => ({ value: l.code, text: l.name })),
        v.career_level,
        "Any career level",
      ),
    });
  }

  app.get("/caseloads/targets/new", { config: { permission } }, (request, reply) =>
    renderNew(request, reply, { values: dateInputValues("valid_from", caseloads.today()), errors: {} }),
  );

  app.post("/caseloads/targets/new", { config: { permission, form: targetForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<TargetFormData>;
    const values = { ...((request.body as Record<string, unknown>) ?? {}) };
    if (!result.ok)
      return renderNew(request, reply, { values, errors: result.errors, errorSummary: result.errorSummary });
    await caseloads.addTarget(request.tenantContext(), result.data);
    setNotice(request, "Target added");
    return reply.redirect("/caseloads/targets", 303);
  });

  endRoutes(app, {
    path: "/caseloads/targets/:targetId/end",
    param: "targetId",
    permission,
    back: "/caseloads/targets",
    async describe(ctx, targetId) {
      const rows = await caseloads.targetsList(ctx);
      const target = rows.find((t) => t.id === targetId);
      if (!target) return null;
      return {
        pageTitle: "End a caseload target",
        what: `${targetSubject(target)}: ${targetValue(target)}`,
        validFrom: target.validFrom,
      };
    },
    exists: (ctx, targetId) => caseloads.target(ctx, targetId),
    end: (ctx, targetId, on) => caseloads.endTarget(ctx, targetId, on),
    notice: "Target ended",
    today: () => caseloads.today(),
  });
}
