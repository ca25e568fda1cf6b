import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { type FormResult, type FormState, validateForm } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { groupTitles, type MeasureKey, measureDefinitions, measureKeys } from "../../library/definitions.js";
import { performancePermissions } from "../../permissions.js";
import { type TargetFormData, targetForm } from "../schema.js";
import {
  chosenUnit,
  councilWideRefused,
  figure,
  notFound,
  type UnitOption,
  unitItems,
  unitsInReach,
} from "../shared.js";
import type { TargetRow, TargetsService } from "../targets.service.js";

const { view, manage } = performancePermissions;
type IdRequest = FastifyRequest<{ Params: { performanceTargetId: string } }>;

/** "at least 80%", "at most 16". */
export function targetText(t: Pick<TargetRow, "measureKey" | "direction" | "target">): string {
  return `${t.direction === "higher" ? "At least" : "At most"} ${figure(t.measureKey, t.target)}`;
}

function describeRow(t: TargetRow) {
  return {
    ...t,
    targetText: targetText(t),
    amberText: figure(t.measureKey, t.amberFrom),
    directionText: t.direction === "higher" ? "Higher is better" : "Lower is better",
  };
}

/** Whether the viewer may change targets of a unit (null: the council's). */
async function mayChange(app: FastifyInstance, request: FastifyRequest, unitId: string | null) {
  if (!can(app, request, manage)) return false;
  const scope = request.scope(manage);
  if (unitId === null) return scope.tenant;
  return app.people.reachesUnit(request.tenantContext(), scope, unitId);
}

/**
 * `/performance/targets`: the targets standing for the council or a unit (inherited from above
 * when it has none of its own), a target's history, and setting or changing one (the row in force
 * ends the day before the new one starts; figures are never changed in place).
 */
export async function targetsRoutes(app: FastifyInstance, opts: { targets: TargetsService }) {
  const { targets } = opts;

  app.get("/performance/targets", { config: { permission: view } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const units = await unitsInReach(app, request, request.scope());
    const unit = chosenUnit(units, query.unit);
    if (unit === false) return notFound(reply);
    const unitId = unit?.orgUnitId ?? null;
    const { standing, upcoming } = await targets.standing(request.tenantContext(), unitId);
    const byKey = new Map(standing.map((t) => [t.measureKey, t]));
    const change = await mayChange(app, request, unitId);
    const here = unit ? unit.name : "the council";
    const rows = measureKeys.map((key) => {
      const t = byKey.get(key) ?? null;
      const own = t !== null && t.orgUnitId === unitId;
      const newHref = `/performance/targets/new?measure=${key}${unitId ? `&unit=${unitId}` : ""}`;
      return {
        key,
        title: measureDefinitions[key].title,
        group: groupTitles[measureDefinitions[key].group],
        entered: measureDefinitions[key].source === "entered",
        target: t ? describeRow(t) : null,
        setFor:
          t === null ? "" : own ? "This unit" : t.orgUnitId === null ? "The council" : (t.unitName ?? ""),
        inherited: t !== null && !own,
        changeHref: change ? (own && t ? `/performance/targets/${t.id}/edit` : newHref) : null,
        changeText: own ? "Change" : "Set a target",
        upcoming: upcoming.filter((u) => u.measureKey === key).map(describeRow),
      };
    });
    return reply.render("performance/targets/pages/list.njk", {
      pageTitle: unit ? `Targets: ${unit.name}` : "Targets",
      here,
      unit,
      unitItems: unitItems(units, unitId, "The whole council"),
      rows,
      manage: can(app, request, manage),
      ownersHref: can(app, request, manage) && request.scope(manage).tenant ? "/performance/owners" : null,
      notification: takeNotice(request),
    });
  });

  async function renderForm(
    reply: FastifyReply,
    state: FormState,
    page: { units: UnitOption[]; scope: AccessScope; editing: TargetRow | null },
  ) {
    const v = state.values;
    const { editing } = page;
    return reply.code(state.errorSummary?.length ? 400 : 200).render("performance/targets/pages/form.njk", {
      pageTitle: editing
        ? `Change the target: ${measureDefinitions[editing.measureKey as MeasureKey].title}`
        : "Set a target",
      editing: editing ? describeRow(editing) : null,
      editingTitle: editing ? measureDefinitions[editing.measureKey as MeasureKey].title : null,
      editingUnit: editing ? (editing.orgUnitId ? editing.unitName : "The whole council") : null,
      back: editing ? `/performance/targets/${editing.id}` : "/performance/targets",
      values: v,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      measureItems: [
        { value: "", text: "Select a measure" },
        ...measureKeys.map((key) => ({
          value: key,
          text: `${measureDefinitions[key].title}${measureDefinitions[key].source === "entered" ? " (entered)" : ""}`,
          selected: key === v.measure,
        })),
      ],
      unitItems: unitItems(
        page.units,
        v.org_unit_id,
        page.scope.tenant ? "The whole council" : "Select a team or service",
      ),
      wholeCouncil: page.scope.tenant,
    });
  }

  const initialValues = (measure: unknown, unitId: string | null) => {
    const key =
      typeof measure === "string" && (measureKeys as readonly string[]).includes(measure)
        ? (measure as MeasureKey)
        : null;
    return {
      measure: key ?? "",
      org_unit_id: unitId ?? "",
      direction: key ? measureDefinitions[key].direction : "",
      ...dateInputValues("valid_from", targets.today()),
    };
  };

  app.get("/performance/targets/new", { config: { permission: manage } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const scope = request.scope();
    const units = await unitsInReach(app, request, scope);
    const unit = chosenUnit(units, query.unit);
    if (unit === false) return notFound(reply);
    return renderForm(
      reply,
      { values: initialValues(query.measure, unit?.orgUnitId ?? null), errors: {} },
      { units, scope, editing: null },
    );
  });

  app.post(
    "/performance/targets/new",
    { config: { permission: manage, form: targetForm } },
    async (request, reply) => {
      const scope = request.scope();
      const units = await unitsInReach(app, request, scope);
      const body = { ...((request.body as Record<string, unknown>) ?? {}) };
      delete body._csrf;
      const page = { units, scope, editing: null };
      const unit = chosenUnit(units, body.org_unit_id);
      if (unit === false && isUuid(body.org_unit_id)) return notFound(reply);
      const result = request.formResult as FormResult<TargetFormData>;
      const errors = result.ok ? {} : { ...result.errors };
      const summary = result.ok ? [] : [...result.errorSummary];
      if (unit === null && !scope.tenant && !errors.org_unit_id) {
        const text =
          "Select a team or service: only someone who reaches the whole council sets council-wide targets";
        errors.org_unit_id = text;
        summary.unshift({ text, href: "#org_unit_id" });
      }
      if (!result.ok || summary.length > 0)
        return renderForm(reply, { values: body, errors, errorSummary: summary }, page);
      try {
        const outcome = await targets.setTarget(request.tenantContext(), result.data);
        setNotice(request, outcome.replaced ? "Target changed" : "Target set");
        const unitId = result.data.orgUnitId;
        return reply.redirect(`/performance/targets${unitId ? `?unit=${unitId}` : ""}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderForm(reply, { values: body, ...ruleErrorView(err) }, page);
      }
    },
  );

  app.get(
    "/performance/targets/:performanceTargetId",
    { config: { permission: view } },
    async (request: IdRequest, reply) => {
      const id = request.params.performanceTargetId;
      if (!isUuid(id)) return notFound(reply);
      const found = await targets.history(request.tenantContext(), id);
      if (!found) return notFound(reply);
      const { target, series } = found;
      if (
        target.orgUnitId &&
        !(await app.people.reachesUnit(request.tenantContext(), request.scope(), target.orgUnitId))
      )
        return notFound(reply);
      const today = targets.today();
      const title = measureDefinitions[target.measureKey as MeasureKey]?.title ?? target.measureKey;
      const latest = series[0] ?? target;
      return reply.render("performance/targets/pages/history.njk", {
        pageTitle: `Target history: ${title}`,
        title,
        unitName: target.orgUnitId ? target.unitName : "The whole council",
        unitPhrase: target.orgUnitId ? target.unitName : "the whole council",
        listHref: `/performance/targets${target.orgUnitId ? `?unit=${target.orgUnitId}` : ""}`,
        rows: series.map((t) => ({
          ...describeRow(t),
          inForce: t.validFrom <= today && (t.validTo === null || t.validTo >= today),
          future: t.validFrom > today,
        })),
        changeHref: (await mayChange(app, request, target.orgUnitId))
          ? `/performance/targets/${latest.id}/edit`
          : null,
        notification: takeNotice(request),
      });
    },
  );

  /** The target to change (the latest row of its series), or the reply already sent. */
  async function editable(request: IdRequest, reply: FastifyReply) {
    const id = request.params.performanceTargetId;
    const target = isUuid(id) ? await targets.target(request.tenantContext(), id) : null;
    if (!target) return notFound(reply);
    const scope = request.scope();
    if (target.orgUnitId === null) {
      if (!scope.tenant)
        return councilWideRefused(reply, "council-wide targets", {
          href: `/performance/targets/${target.id}`,
          text: "Back to the target's history",
        });
    } else if (!(await app.people.reachesUnit(request.tenantContext(), scope, target.orgUnitId))) {
      return notFound(reply);
    }
    const latest =
      (await targets.latest(request.tenantContext(), target.measureKey, target.orgUnitId)) ?? target;
    return { latest, scope, units: await unitsInReach(app, request, scope) };
  }

  app.get(
    "/performance/targets/:performanceTargetId/edit",
    { config: { permission: manage } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!("latest" in found)) return found;
      const { latest } = found;
      return renderForm(
        reply,
        {
          values: {
            direction: latest.direction,
            target: String(latest.target),
            amber_from: String(latest.amberFrom),
            ...dateInputValues("target_date", latest.targetDate),
            ...dateInputValues("valid_from", targets.today()),
          },
          errors: {},
        },
        { units: found.units, scope: found.scope, editing: latest },
      );
    },
  );

  app.post(
    "/performance/targets/:performanceTargetId/edit",
    { config: { permission: manage, form: targetForm } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!("latest" in found)) return found;
      const { latest } = found;
      const body = { ...((request.body as Record<string, unknown>) ?? {}) };
      delete body._csrf;
      // The measure and unit are the series': whatever else was sent.
      const result = validateForm(targetForm, {
        ...body,
        measure: latest.measureKey,
        org_unit_id: latest.orgUnitId ?? "",
      });
      const page = { units: found.units, scope: found.scope, editing: latest };
      if (!result.ok)
        return renderForm(
          reply,
          { values: body, errors: result.errors, errorSummary: result.errorSummary },
          page,
        );
      try {
        const outcome = await targets.setTarget(request.tenantContext(), result.data);
        setNotice(request, "Target changed: the previous target ends the day before the new one starts");
        return reply.redirect(`/performance/targets/${outcome.id}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderForm(reply, { values: body, ...ruleErrorView(err) }, page);
      }
    },
  );
}
