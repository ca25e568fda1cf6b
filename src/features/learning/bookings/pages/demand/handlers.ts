import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound, problem } from "../shared.js";
import { type InterestForm, interestForm } from "./schema.js";

type Params = { Params: { courseId: string } };

/**
 * `POST /learning/courses/:courseId/interest`: "register interest" in a course (from the course
 * page); `/learning/demand`: L&D's list of the interest in each course, to plan sessions.
 */
export async function demandRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;

  app.post<Params>(
    "/learning/courses/:courseId/interest",
    { config: { permission: learningPermissions.view, form: interestForm } },
    async (request, reply) => {
      if (!isUuid(request.params.courseId)) return notFound(reply);
      const back = { href: `/learning/courses/${request.params.courseId}`, text: "Back to the course" };
      const result = request.formResult as FormResult<InterestForm>;
      if (!result.ok) return problem(reply, result.errorSummary, back);
      const outcome = await service.registerInterest(
        request.tenantContext(),
        request.params.courseId,
        request.principal?.personId ?? null,
        result.data.note,
      );
      if (outcome === "not-found") return notFound(reply);
      if (outcome === "no-person") {
        return problem(
          reply,
          [
            {
              text: "Your account is not linked to a person record, so you cannot register interest",
              href: "#back",
            },
          ],
          back,
        );
      }
      setNotice(request, "Your interest is registered. We will tell you when dates are set");
      return reply.redirect(back.href, 303);
    },
  );

  app.get<{ Querystring: { format?: string } }>(
    "/learning/demand",
    { config: { permission: learningPermissions.manageSessions } },
    async (request, reply) => {
      const { rows, courses } = await queries.demand(request.tenantContext());
      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          "course-interest",
          [
            { header: "Course code", value: (r) => r.code },
            { header: "Course", value: (r) => r.title },
            { header: "Given name", value: (r) => r.givenName },
            { header: "Family name", value: (r) => r.familyName },
            { header: "Employee number", value: (r) => r.employeeNumber },
            { header: "Email", value: (r) => r.email },
            { header: "Registered", value: (r) => r.registeredAt.toISOString().slice(0, 10) },
            { header: "Note", value: (r) => r.note },
          ],
          rows,
        );
      }
      return reply.render("learning/bookings/pages/demand/view.njk", {
        pageTitle: "Demand for courses",
        courses,
      });
    },
  );
}
