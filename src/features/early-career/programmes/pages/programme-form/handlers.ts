import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { type Tier, tierNames, tiers } from "../../../../learning/reference.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { evidenceKinds } from "../../../schema.js";
import { milestoneLines, type ProgrammeContent, rhythmLines, standardLines } from "../../definition.js";
import type { ProgrammeRow } from "../../programmes.service.js";
import { evidenceKindNames } from "../../reference.js";
import { shippedAsye } from "../../shipped.js";
import { notFound, type PageOptions, programmeHref, programmesHome } from "../shared.js";
import { minField, type ProgrammeForm, programmeForm } from "./schema.js";

type Values = Record<string, unknown>;
const permission = earlyCareerPermissions.manage;
const newForm = programmeForm(true);
const editForm = programmeForm(false);

/** The form's values from a version's content (edit pages, and the new page's starting point). */
function valuesOf(name: string, c: ProgrammeContent): Values {
  return {
    name,
    length_months: String(c.lengthMonths),
    max_months: String(c.maxMonths),
    milestones: milestoneLines(c.milestones),
    standards: standardLines(c.standards),
    supervision_rhythm: rhythmLines(c.supervisionRhythm),
    protected_caseload_percent: c.protectedCaseloadPercent === null ? "" : String(c.protectedCaseloadPercent),
    protected_caseload_children:
      c.protectedCaseloadChildren === null ? "" : String(c.protectedCaseloadChildren),
    protected_time_percent: c.protectedTimePercent === null ? "" : String(c.protectedTimePercent),
    core_courses: c.coreCourseIds,
    ...Object.fromEntries(evidenceKinds.map((k) => [minField(k), String(c.minEvidence[k] ?? 0)])),
  };
}

/**
 * `/early-career/programmes/new` and `/early-career/programmes/:programmeId/edit`: a template's
 * shape as data. Saving an edit makes the next version; enrolments keep the version they have.
 */
export async function programmeFormRoutes(app: FastifyInstance, opts: PageOptions) {
  const { programmes } = opts;

  async function courseItems(request: FastifyRequest, chosen: unknown) {
    const set = new Set((Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).map(String));
    const found = await app.catalogue.find(request.tenantContext(), {}, 1, 1000);
    const order = (t: string) => tiers.indexOf(t as Tier);
    const rows = [...found.rows].sort(
      (a, b) => order(a.tier) - order(b.tier) || a.code.localeCompare(b.code),
    );
    return rows.map((c, i) => ({
      value: c.id,
      text: `${c.title} (${c.code})`,
      hint: { text: tierNames[c.tier as Tier] ?? c.tier },
      id: i === 0 ? "core_courses" : `core_courses-${i + 1}`,
      checked: set.has(c.id),
    }));
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    editing: { programme: ProgrammeRow; version: number } | null,
  ) {
    const v = form.values;
    const items = await courseItems(request, v.core_courses);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/programmes/pages/programme-form/view.njk", {
        pageTitle: editing ? `Change ${editing.programme.name}` : "Add a programme",
        editing: editing
          ? { name: editing.programme.name, code: editing.programme.code, next: editing.version + 1 }
          : null,
        backHref: editing ? programmeHref(editing.programme.id) : programmesHome,
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        minFields: evidenceKinds.map((k) => ({ id: minField(k), label: evidenceKindNames[k] })),
        courseItems: items,
        chosenCourses: items.filter((i) => i.checked).length,
      });
  }

  function ruleError(err: RuleError, body: unknown): FormState {
    const values = typeof body === "object" && body !== null ? { ...(body as Values) } : {};
    delete values._csrf;
    return { values, ...ruleErrorView(err) };
  }

  async function loadProgramme(request: FastifyRequest<{ Params: { programmeId: string } }>) {
    const { programmeId } = request.params;
    if (!isUuid(programmeId)) return null;
    return programmes.get(request.tenantContext(), programmeId);
  }

  app.get(`${programmesHome}/new`, { config: { permission } }, async (request, reply) => {
    // A new programme starts from the ASYE's shape, to be changed.
    const { code: _c, name: _n, ...asye } = shippedAsye;
    return render(request, reply, { values: { ...valuesOf("", asye), code: "" }, errors: {} }, null);
  });

  app.post(`${programmesHome}/new`, { config: { permission, form: newForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<ProgrammeForm>;
    if (!result.ok) return render(request, reply, result, null);
    try {
      const by = request.principal?.displayName ?? request.tenantContext().actor.id;
      const id = await programmes.create(request.tenantContext(), result.data, by);
      setNotice(request, `${result.data.name} added`);
      return reply.redirect(programmeHref(id), 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, ruleError(err, request.body), null);
    }
  });

  app.get<{ Params: { programmeId: string } }>(
    `${programmesHome}/:programmeId/edit`,
    { config: { permission } },
    async (request, reply) => {
      const found = await loadProgramme(request);
      if (!found) return notFound(reply);
      return render(
        request,
        reply,
        { values: valuesOf(found.programme.name, found.current), errors: {} },
        { programme: found.programme, version: found.current.version },
      );
    },
  );

  app.post<{ Params: { programmeId: string } }>(
    `${programmesHome}/:programmeId/edit`,
    { config: { permission, form: editForm } },
    async (request, reply) => {
      const found = await loadProgramme(request);
      if (!found) return notFound(reply);
      const editing = { programme: found.programme, version: found.current.version };
      const result = request.formResult as FormResult<ProgrammeForm>;
      if (!result.ok) return render(request, reply, result, editing);
      try {
        const { code: _code, ...content } = result.data;
        const by = request.principal?.displayName ?? request.tenantContext().actor.id;
        const version = await programmes.saveNewVersion(
          request.tenantContext(),
          found.programme.id,
          content,
          by,
        );
        setNotice(
          request,
          version === null
            ? "Saved. The programme's shape did not change, so no new version was made"
            : `Version ${version} saved. New enrolments get it; existing enrolments keep their version.`,
        );
        return reply.redirect(programmeHref(found.programme.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, ruleError(err, request.body), editing);
      }
    },
  );
}
