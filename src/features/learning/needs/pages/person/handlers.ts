import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { pcfDomains } from "../../../reference.js";
import { planYearName, priorities, priorityNames, themes } from "../../reference.js";
import {
  byYear,
  needsHome,
  notFound,
  type PageOptions,
  type Person,
  personHref,
  personInScope,
} from "../shared.js";
import { type NeedForm, needForm } from "./schema.js";

const permission = learningPermissions.recordNeeds;

/** The person's page, with the add-a-need form in the state given (errors, values). */
export async function renderPerson(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: PageOptions,
  person: Person,
  form: FormState,
) {
  const ctx = request.tenantContext();
  const [{ needs, interest }, courses] = await Promise.all([
    opts.needs.personNeeds(ctx, person.id),
    opts.needs.courseChoices(ctx),
  ]);
  const v = form.values;
  const year = String(v.plan_year ?? opts.needs.planningYear());
  return reply.code(form.errorSummary?.length ? 400 : 200).render("learning/needs/pages/person/view.njk", {
    pageTitle: `Learning needs: ${person.name}`,
    notification: takeNotice(request),
    name: person.name,
    action: personHref(person.id),
    teamHref: `${needsHome}/team`,
    years: byYear(needs),
    interest,
    values: v,
    errors: form.errors,
    errorSummary: form.errorSummary ?? [],
    yearItems: opts.needs.recordableYears().map((y) => ({
      value: String(y),
      text: planYearName(y),
      checked: String(y) === year,
    })),
    courseItems: [
      { value: "", text: "Select a course" },
      ...courses.map((c) => ({
        value: c.id,
        text: `${c.title} (${c.code})`,
        selected: v.course_id === c.id,
      })),
    ],
    themeItems: [
      { value: "", text: "Select a theme" },
      ...Object.entries(themes).map(([value, text]) => ({ value, text, selected: v.theme === value })),
    ],
    pcfItems: [
      { value: "", text: "Select a PCF domain" },
      ...Object.entries(pcfDomains).map(([value, text]) => ({
        value,
        text,
        selected: v.pcf_domain === value,
      })),
    ],
    priorityItems: priorities.map((p) => ({ value: p, text: priorityNames[p], checked: v.priority === p })),
  });
}

/**
 * `/learning/needs/people/:personId`: a team member's learning needs, every year, and the form
 * their manager records a new one with.
 */
export async function personRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { personId: string } }>(
    `${needsHome}/people/:personId`,
    { config: { permission } },
    async (request, reply) => {
      const person = await personInScope(app, opts.needs, request, request.params.personId, permission);
      if (!person) return notFound(reply);
      return renderPerson(request, reply, opts, person, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { personId: string } }>(
    `${needsHome}/people/:personId`,
    { config: { permission, form: needForm } },
    async (request, reply) => {
      const person = await personInScope(app, opts.needs, request, request.params.personId, permission);
      if (!person) return notFound(reply);
      const result = request.formResult as FormResult<NeedForm>;
      if (!result.ok) return renderPerson(request, reply, opts, person, result);
      try {
        await opts.needs.recordNeed(request.tenantContext(), person.id, result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const values = { ...(request.body as Record<string, unknown>) };
        delete values._csrf;
        return renderPerson(request, reply, opts, person, { values, ...ruleErrorView(err) });
      }
      setNotice(request, "Learning need recorded");
      return reply.redirect(personHref(person.id), 303);
    },
  );
}
