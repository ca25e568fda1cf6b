import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { addDays } from "../../../../platform/dates.js";
import { type FormState, validateForm } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { chooseUnit, unitItems } from "../../../people/unit-choice.js";
import { groupTitles, type MeasureKey, measureDefinitions, measureKeys } from "../../library/definitions.js";
import {
  formBody,
  notFound,
  readUnitForm,
  type UnitFormPage,
  unitFormItems,
  unitRecordRefused,
} from "../../pages-shared.js";
import { performancePermissions } from "../../permissions.js";
import { cancelForm, type TargetFormData, targetForm } from "../schema.js";
import { figure } from "../shared.js";
import { formatDay, type TargetRow, type TargetsService } from "../targets.service.js";

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
 * when it has none of its own), a target's history, setting or changing one (the row in force
 * ends the day before the new one starts; figures are never changed in place), and cancelling one
 * that has not started (the row it ended gets its end back).
 */
export async function targetsRoutes(app: FastifyInstance, opts: { targets: TargetsService }) {
  const { targets } = opts;

  app.get("/performance/targets", { config: { permission: view } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    // Blank: the council's targets, for every viewer.
    const choice = await chooseUnit(app, request.tenantContext(), request.scope(), query.unit, {
      fallback: "all",
    });
    if (!choice) return notFound(reply);
    const { unit, unitId } = choice;
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
      unitItems: unitItems(choice.rows, unitId, "The whole council"),
      rows,
      manage: can(app, request, manage),
      ownersHref: can(app, request, manage) && request.scope(manage).tenant ? "/performance/owners" : null,
      notification: takeNotice(request),
    });
  });

  async function renderForm(reply: FastifyReply, state: FormState, page: UnitFormPage<TargetRow>) {
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
      ...unitFormItems(page, v.org_unit_id),
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
    const choice = await chooseUnit(app, request.tenantContext(), scope, query.unit, { fallback: "all" });
    if (!choice) return notFound(reply);
    return renderForm(
      reply,
      { values: initialValues(query.measure, choice.unitId), errors: {} },
      { units: choice.rows, scope, editing: null },
    );
  });

  app.post(
    "/performance/targets/new",
    { config: { permission: manage, form: targetForm } },
    async (request, reply) => {
      const form = await readUnitForm<TargetFormData>(app, request, "sets council-wide targets");
      if (!form) return notFound(reply);
      const { page, values } = form;
      if (form.invalid) return renderForm(reply, form.invalid, page);
      try {
        const outcome = await targets.setTarget(request.tenantContext(), form.data);
        setNotice(request, outcome.replaced ? "Target changed" : "Target set");
        const unitId = form.data.orgUnitId;
        return reply.redirect(`/performance/targets${unitId ? `?unit=${unitId}` : ""}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderForm(reply, { values, ...ruleErrorView(err) }, page);
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
      const change = await mayChange(app, request, target.orgUnitId);
      // A target that has not started can be cancelled: its page and its row in the history say so.
      const cancelHref = (t: TargetRow) =>
        change && t.validFrom > today ? `/performance/targets/${t.id}/cancel` : null;
      const rows = series.map((t) => ({
        ...describeRow(t),
        inForce: t.validFrom <= today && (t.validTo === null || t.validTo >= today),
        future: t.validFrom > today,
        cancelHref: cancelHref(t),
      }));
      return reply.render("performance/targets/pages/history.njk", {
        pageTitle: `Target history: ${title}`,
        title,
        unitName: target.orgUnitId ? target.unitName : "The whole council",
        unitPhrase: target.orgUnitId ? target.unitName : "the whole council",
        listHref: `/performance/targets${target.orgUnitId ? `?unit=${target.orgUnitId}` : ""}`,
        rows,
        cancelColumn: rows.some((r) => r.cancelHref !== null),
        changeHref: change ? `/performance/targets/${latest.id}/edit` : null,
        cancelHref: cancelHref(target),
        cancelling: target.validFrom > today ? describeRow(target) : null,
        notification: takeNotice(request),
      });
    },
  );

  /**
   * The target row named, when the viewer may change its series; else null, the reply sent (a
   * council-wide target with a role held on some units: 403; none, or a unit out of reach: 404).
   * It answers null rather than the reply: a reply is thenable, so an awaited one reads as undefined.
   */
  async function changeable(request: IdRequest, reply: FastifyReply): Promise<TargetRow | null> {
    const id = request.params.performanceTargetId;
    const target = isUuid(id) ? await targets.target(request.tenantContext(), id) : null;
    if (!target) {
      notFound(reply);
      return null;
    }
    const refused = await unitRecordRefused(app, request, reply, target.orgUnitId, {
      what: "council-wide targets",
      back: { href: `/performance/targets/${target.id}`, text: "Back to the target's history" },
    });
    return refused ? null : target;
  }

  /** The target to change (the latest row of its series) and the form's page, or null: the reply sent. */
  async function editable(request: IdRequest, reply: FastifyReply) {
    const target = await changeable(request, reply);
    if (!target) return null;
    const latest =
      (await targets.latest(request.tenantContext(), target.measureKey, target.orgUnitId)) ?? target;
    // The unit is the series': the form has no unit chooser.
    const page: UnitFormPage<TargetRow> = { units: [], scope: request.scope(), editing: latest };
    return { latest, page };
  }

  app.get(
    "/performance/targets/:performanceTargetId/edit",
    { config: { permission: manage } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!found) return reply;
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
        found.page,
      );
    },
  );

  app.post(
    "/performance/targets/:performanceTargetId/edit",
    { config: { permission: manage, form: targetForm } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!found) return reply;
      const { latest } = found;
      const body = formBody(request);
      // The measure and unit are the series': whatever else was sent.
      const result = validateForm(targetForm, {
        ...body,
        measure: latest.measureKey,
        org_unit_id: latest.orgUnitId ?? "",
      });
      const { page } = found;
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

  /** The cancel page: the target that has not started, what carries on in its place, and the warning button. */
  function renderCancel(reply: FastifyReply, target: TargetRow, series: TargetRow[], code = 200) {
    const today = targets.today();
    const title = measureDefinitions[target.measureKey as MeasureKey]?.title ?? target.measureKey;
    const before = series.find((t) => t.validFrom < target.validFrom) ?? null;
    const carriesOn = before && before.validTo === addDays(target.validFrom, -1) ? describeRow(before) : null;
    return reply.code(code).render("performance/targets/pages/cancel.njk", {
      pageTitle:
        target.validFrom > today ? `Cancel the target: ${title}` : `This target has started: ${title}`,
      title,
      unitName: target.orgUnitId ? target.unitName : "The whole council",
      councilWide: target.orgUnitId === null,
      started: target.validFrom <= today,
      target: describeRow(target),
      carriesOn,
      // What the target before it ends on once this one is cancelled: this one's end (null: open).
      carriesOnTo: target.validTo,
      back: `/performance/targets/${target.id}`,
      changeHref: `/performance/targets/${(series[0] ?? target).id}/edit`,
    });
  }

  app.get(
    "/performance/targets/:performanceTargetId/cancel",
    { config: { permission: manage } },
    async (request: IdRequest, reply) => {
      const target = await changeable(request, reply);
      if (!target) return reply;
      const history = await targets.history(request.tenantContext(), target.id);
      if (!history) return notFound(reply);
      return renderCancel(reply, history.target, history.series);
    },
  );

  app.post(
    "/performance/targets/:performanceTargetId/cancel",
    { config: { permission: manage, form: cancelForm } },
    async (request: IdRequest, reply) => {
      const target = await changeable(request, reply);
      if (!target) return reply;
      const done = await targets.cancelTarget(request.tenantContext(), target.id);
      if (!done) return notFound(reply);
      if (done.outcome === "started") {
        // It started since the page was shown (or the form was sent for a target that had).
        const history = await targets.history(request.tenantContext(), done.target.id);
        return renderCancel(reply, done.target, history?.series ?? [done.target], 409);
      }
      const { cancelled, reopened } = done;
      setNotice(
        request,
        `Target cancelled: the target from ${formatDay(cancelled.validFrom)} will not start${
          reopened ? "; the target before it carries on" : ""
        }`,
      );
      const unit = cancelled.orgUnitId ? `?unit=${cancelled.orgUnitId}` : "";
      return reply.redirect(
        reopened ? `/performance/targets/${reopened.id}` : `/performance/targets${unit}`,
        303,
      );
    },
  );
}
