import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import { observationThemes, qualityGrades } from "../../../schema.js";
import { gradeNames, themeNames } from "../../reference.js";
import { dateText, isUuid, notFound, observationHref, type PageOptions, viewerOf } from "../shared.js";
import { type ObservationForm, observationForm } from "./schema.js";

type Values = Record<string, unknown>;

const chosen = (v: unknown): Set<string> =>
  new Set((Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String));

/** `/supervision/observations/new` (`?supervisionId=` observes a recorded supervision). */
export async function observationNewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { observations } = opts;
  const permission = supervisionPermissions.observe;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    heldOn: string | null,
  ) {
    const v = form.values;
    const { supervisors, observers } = await observations.formChoices(
      request.tenantContext(),
      viewerOf(request),
    );
    const select = (name: string, options: { id: string; name: string }[], placeholder: string) => [
      { value: "", text: placeholder, selected: !v[name] },
      ...options.map((o) => ({ value: o.id, text: o.name, selected: v[name] === o.id })),
    ];
    const themes = chosen(v.themes);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/observations/pages/new/view.njk", {
        pageTitle: "Record an observation of supervision",
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        heldOn,
        observerItems: select("observer_person_id", observers, "Select the observer"),
        supervisorItems: select("supervisor_person_id", supervisors, "Select the supervisor"),
        themeItems: observationThemes.map((t, i) => ({
          value: t,
          text: themeNames[t],
          id: i === 0 ? "themes" : `themes-${i + 1}`,
          checked: themes.has(t),
        })),
        ratingItems: qualityGrades.map((g, i) => ({
          value: g,
          text: gradeNames[g],
          ...(i === 0 ? { id: "rating" } : {}),
          checked: v.rating === g,
        })),
      });
  }

  async function heldOnOf(request: FastifyRequest, supervisionId: unknown) {
    if (!isUuid(supervisionId)) return null;
    const s = await observations.supervision(request.tenantContext(), supervisionId);
    return s ? dateText(s.held_on) : null;
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    "/supervision/observations/new",
    { config: { permission } },
    async (request, reply) => {
      const values: Values = { observer_person_id: request.principal?.personId ?? "" };
      const supervisionId = request.query.supervisionId;
      if (supervisionId !== undefined) {
        if (!isUuid(supervisionId)) return notFound(reply);
        const s = await observations.supervision(request.tenantContext(), supervisionId);
        if (!s?.supervisor_person_id) return notFound(reply);
        const reaches = await app.people.reaches(
          request.tenantContext(),
          request.scope(permission),
          s.supervisor_person_id,
        );
        if (!reaches) return notFound(reply);
        const [year, month, day] = s.held_on.split("-");
        Object.assign(values, {
          supervision_id: s.id,
          supervisor_person_id: s.supervisor_person_id,
          "observed_on-day": String(Number(day)),
          "observed_on-month": String(Number(month)),
          "observed_on-year": year,
        });
        return render(request, reply, { values, errors: {} }, dateText(s.held_on));
      }
      return render(request, reply, { values, errors: {} }, null);
    },
  );

  app.post(
    "/supervision/observations/new",
    { config: { permission, form: observationForm } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Values;
      const result = request.formResult as FormResult<ObservationForm>;
      if (!result.ok) return render(request, reply, result, await heldOnOf(request, body.supervision_id));
      try {
        const id = await observations.record(request.tenantContext(), viewerOf(request), {
          supervisionId: result.data.supervision_id,
          supervisorPersonId: result.data.supervisor_person_id,
          observerPersonId: result.data.observer_person_id,
          observedOn: result.data.observed_on,
          themes: result.data.themes,
          rating: result.data.rating,
          strengths: result.data.strengths,
          development: result.data.development,
        });
        setNotice(request, "Observation recorded. The supervisor can read the feedback");
        return reply.redirect(observationHref(id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const values = { ...body };
        delete values._csrf;
        return render(
          request,
          reply,
          { values, ...ruleErrorView(err) },
          await heldOnOf(request, body.supervision_id),
        );
      }
    },
  );
}
