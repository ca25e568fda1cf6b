import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { tierNames, tiers } from "../../../reference.js";
import type { LearningRecordsService } from "../../records.service.js";
import type { RequirementsService } from "../../requirements.service.js";
import { type Person, personHref, personInScope } from "../person-gate.js";
import { can, isUuid, notFound, ruleErrorFor } from "../shared.js";
import { type RecordForm, recordForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { personId: string } }>;
type Access = { person: Person; manages: boolean };

/**
 * `/learning/people/:personId/records/new`: L&D add prior learning accepted from a previous
 * employer (verified as they enter it) or external learning; a person adds their own external
 * learning, which waits for L&D to verify it. Evidence is described in words (there is no file
 * store yet).
 */
export async function recordFormRoutes(
  app: FastifyInstance,
  opts: { records: LearningRecordsService; requirements: RequirementsService },
) {
  /** L&D for people in their scope; anyone else only for themselves; else null (404). */
  async function access(request: Req): Promise<Access | null> {
    if (can(app, request, learningPermissions.manageRecords)) {
      const person = await personInScope(app, opts.records, request, learningPermissions.manageRecords);
      if (person) return { person, manages: true };
    }
    const { personId } = request.params;
    if (!isUuid(personId) || request.principal?.personId !== personId) return null;
    const person = await opts.records.person(request.tenantContext(), personId);
    return person && !person.anonymised ? { person, manages: false } : null;
  }

  async function render(request: Req, reply: FastifyReply, a: Access, form: FormState) {
    const courses = await opts.requirements.courseChoices(request.tenantContext());
    const v = form.values;
    const own = request.principal?.personId === a.person.id;
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/requirements/pages/record-form/view.njk", {
        pageTitle: own && !a.manages ? "Add learning you did elsewhere" : `Add learning for ${a.person.name}`,
        heading: own && !a.manages ? "Add learning you did elsewhere" : "Add learning to their record",
        name: a.person.name,
        manages: a.manages,
        backHref: personHref(a.person.id),
        sourceItems: [
          {
            value: "prior_learning",
            text: "Prior learning accepted from a previous employer",
            hint: { text: "It counts from now: you are accepting it as you record it." },
            checked: v.source === "prior_learning",
          },
          {
            value: "external",
            text: "External learning",
            hint: { text: "It counts once the learning and development team verify it." },
            checked: v.source === "external",
          },
        ],
        courseGroups: tiers
          .map((t) => ({
            label: tierNames[t],
            options: courses
              .filter((c) => c.tier === t && c.status === "active")
              .map((c) => ({ value: c.id, text: c.title, selected: v.course_id === c.id })),
          }))
          .filter((g) => g.options.length > 0),
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { personId: string } }>(
    "/learning/people/:personId/records/new",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const a = await access(request);
      if (!a) return notFound(reply);
      return render(request, reply, a, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/learning/people/:personId/records/new",
    { config: { permission: learningPermissions.view, form: recordForm } },
    async (request, reply) => {
      const a = await access(request);
      if (!a) return notFound(reply);
      const result = request.formResult as FormResult<RecordForm>;
      const needsSource = a.manages && (!result.ok || result.data.source === "");
      if (!result.ok || needsSource) {
        const sourceError = "Select where the learning was done";
        const base = result.ok
          ? { values: { ...(request.body as Record<string, unknown>) }, errors: {}, errorSummary: [] }
          : result;
        delete base.values._csrf;
        const errors = { ...(needsSource ? { source: sourceError } : {}), ...base.errors };
        if (!a.manages) delete errors.source;
        const errorSummary = Object.entries(errors).map(([key, text]) => ({ text, href: `#${key}` }));
        return render(request, reply, a, { values: base.values, errors, errorSummary });
      }
      const f = result.data;
      try {
        await opts.records.addRecord(request.tenantContext(), a.person.id, {
          source: a.manages && f.source === "prior_learning" ? "prior_learning" : "external",
          courseId: f.course_id,
          title: f.title,
          completedOn: f.completed_on,
          hours: f.hours,
          provider: f.provider,
          evidenceNote: f.evidence_note,
          expiresOn: f.expires_on,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (err.field === "person") return notFound(reply);
        return render(request, reply, a, ruleErrorFor(err, request.body));
      }
      const prior = a.manages && f.source === "prior_learning";
      setNotice(
        request,
        prior
          ? "Prior learning added"
          : "Learning added: it counts once the learning and development team verify it",
      );
      return reply.redirect(personHref(a.person.id), 303);
    },
  );
}
