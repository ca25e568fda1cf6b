import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { learningPermissions } from "../../../permissions.js";
import type { ElearningService } from "../../elearning.service.js";
import { elearningHome, isUuid, setNotice, takeNotice } from "../shared.js";
import { type MapTitleFormData, mapTitleForm } from "./schema.js";

type Params = { Params: { titleId: string } };
type Problem = { titleId: string; message: string; chosen: string };

/**
 * `/learning/elearning/titles`: each course title seen in the platform's files and the catalogue
 * course it is (e-learning courses listed first). A title not mapped keeps its rows out.
 */
export async function titlesRoutes(app: FastifyInstance, opts: { service: ElearningService }): Promise<void> {
  const { service } = opts;
  const permission = learningPermissions.manageRecords;
  const home = `${elearningHome}/titles`;

  async function render(request: FastifyRequest, reply: FastifyReply, problem: Problem | null) {
    const { titles, courses } = await service.titles(request.tenantContext());
    const option = (c: (typeof courses)[number]) => ({
      value: c.id,
      text: `${c.title} (${c.code})${c.status === "withdrawn" ? ", no longer offered" : ""}`,
    });
    const groups = [
      { label: "E-learning courses", courses: courses.filter((c) => c.delivery === "e_learning") },
      { label: "Other courses", courses: courses.filter((c) => c.delivery !== "e_learning") },
    ].filter((g) => g.courses.length);
    const fieldId = (id: string) => `course-${id}`;
    return reply.code(problem ? 400 : 200).render("learning/elearning/pages/titles/view.njk", {
      pageTitle: "E-learning course titles",
      notification: takeNotice(request),
      errorSummary: problem ? [{ text: problem.message, href: `#${fieldId(problem.titleId)}` }] : [],
      unmappedCount: titles.filter((t) => !t.course_id).length,
      titles: titles.map((t) => {
        const chosen = problem?.titleId === t.id ? problem.chosen : (t.course_id ?? "");
        return {
          id: t.id,
          fieldId: fieldId(t.id),
          title: t.title,
          mapped: t.course_id !== null,
          courseTitle: t.course_title,
          error: problem?.titleId === t.id ? problem.message : null,
          groups: groups.map((g) => ({
            label: g.label,
            options: g.courses
              .filter((c) => c.status === "active" || c.id === t.course_id)
              .map((c) => ({ ...option(c), selected: c.id === chosen })),
          })),
        };
      }),
      exportBase: `${home}?`,
    });
  }

  app.get(home, { config: { permission } }, async (request, reply) => {
    const format = exportFormat((request.query as { format?: unknown }).format);
    if (format) {
      const { titles } = await service.titles(request.tenantContext());
      return sendExport<(typeof titles)[number]>(
        reply,
        format,
        "elearning-course-titles",
        [
          { header: "Title on the platform", value: (t) => t.title },
          { header: "Catalogue course", value: (t) => t.course_title },
          { header: "Course code", value: (t) => t.course_code },
        ],
        titles,
      );
    }
    return render(request, reply, null);
  });

  app.post<Params>(
    `${home}/:titleId`,
    { config: { permission, form: mapTitleForm } },
    async (request, reply) => {
      const { titleId } = request.params;
      if (!isUuid(titleId)) return reply.code(404).render("errors/404.njk");
      const ctx = request.tenantContext();
      if (!(await service.title(ctx, titleId))) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<MapTitleFormData>;
      if (!result.ok) {
        return render(request, reply, {
          titleId,
          message: result.errorSummary[0]?.text ?? "Select a course from the list",
          chosen: "",
        });
      }
      try {
        const mapped = await service.mapTitle(ctx, titleId, result.data.course);
        setNotice(
          request,
          mapped.course
            ? `‘${mapped.title}’ is mapped to ${mapped.course}. Upload its files again to import their rows.`
            : `‘${mapped.title}’ is no longer mapped to a course`,
        );
        return reply.redirect(home, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, { titleId, message: err.message, chosen: "" });
      }
    },
  );
}
