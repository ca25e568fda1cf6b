import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../platform/http/notice.js";
import type { CatalogueService, CourseInput } from "../../catalogue.service.js";
import { learningPermissions } from "../../permissions.js";
import {
  bookingRouteNames,
  bookingRoutes,
  deliveries,
  deliveryNames,
  type PcfDomain,
  pcfDomains,
  tierGroups,
  tierNames,
  tiers,
} from "../../reference.js";
import { formValues, isUuid } from "../shared.js";
import { type CourseForm, courseForm, tierOf } from "./schema.js";

const permission = learningPermissions.manageCatalogue;
type Params = { Params: { courseId: string } };

/** `/learning/courses/new` and `/learning/courses/:courseId/edit`: L&D add and change courses. */
export async function courseFormRoutes(app: FastifyInstance, opts: { catalogue: CatalogueService }) {
  const { catalogue } = opts;

  function render(reply: FastifyReply, form: FormState, course: { id: string; title: string } | null) {
    const v = form.values;
    const chosenDomains = new Set(
      Array.isArray(v.pcf_domains) ? v.pcf_domains : [v.pcf_domains].filter(Boolean),
    );
    return reply.code(form.errorSummary?.length ? 400 : 200).render("learning/pages/course-form/view.njk", {
      pageTitle: course ? `Change ${course.title}` : "Add a course",
      heading: course ? "Change a course" : "Add a course",
      backHref: course ? `/learning/courses/${course.id}` : "/learning/courses",
      tierGroups: tiers.map((t) => ({
        label: tierNames[t],
        options: Object.entries(tierGroups[t]).map(([k, name]) => ({
          value: `${t}:${k}`,
          text: name,
          selected: v.tier_group === `${t}:${k}`,
        })),
      })),
      deliveryItems: deliveries.map((d) => ({ value: d, text: deliveryNames[d], checked: v.delivery === d })),
      bookingItems: bookingRoutes.map((b) => ({
        value: b,
        text: bookingRouteNames[b],
        checked: v.booking_route === b,
      })),
      domainItems: Object.entries(pcfDomains).map(([k, name]) => ({
        value: k,
        text: name,
        checked: chosenDomains.has(k),
      })),
      statusItems: [
        { value: "active", text: "Offered", checked: v.status !== "withdrawn" },
        { value: "withdrawn", text: "No longer offered", checked: v.status === "withdrawn" },
      ],
      values: v,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  const input = (f: CourseForm): CourseInput => {
    const { tier, group } = tierOf(f.tier_group);
    return {
      code: f.code,
      title: f.title,
      summary: f.summary,
      tier,
      group,
      strand: f.strand,
      strandLevel: f.strand_level,
      delivery: f.delivery,
      durationHours: f.duration_hours,
      cpdHours: f.cpd_hours,
      provider: f.provider,
      costPence: f.cost,
      audience: f.audience,
      bookingRoute: f.booking_route,
      outcomes: f.outcomes,
      pcfDomains: f.pcf_domains as PcfDomain[],
      status: f.status,
    };
  };

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    course: { id: string; title: string } | null,
  ): Promise<FastifyReply> {
    const result = request.formResult as FormResult<CourseForm>;
    if (!result.ok) return render(reply, result, course);
    const values = request.body as Record<string, unknown>;
    try {
      const ctx = request.tenantContext();
      const id = course ? course.id : await catalogue.create(ctx, input(result.data));
      if (course) await catalogue.update(ctx, course.id, input(result.data));
      setNotice(request, course ? "Course changed" : "Course added");
      return reply.redirect(`/learning/courses/${id}`, 303);
    } catch (err) {
      if (err instanceof RuleError) return render(reply, { values, ...ruleErrorView(err) }, course);
      throw err;
    }
  }

  app.get("/learning/courses/new", { config: { permission } }, (_request, reply) =>
    render(
      reply,
      { values: { status: "active", booking_route: "self", delivery: "face_to_face" }, errors: {} },
      null,
    ),
  );
  app.post("/learning/courses/new", { config: { permission, form: courseForm } }, (request, reply) =>
    save(request, reply, null),
  );

  const load = async (request: FastifyRequest<Params>) =>
    isUuid(request.params.courseId)
      ? await catalogue.course(request.tenantContext(), request.params.courseId)
      : null;

  app.get<Params>("/learning/courses/:courseId/edit", { config: { permission } }, async (request, reply) => {
    const course = await load(request);
    if (!course) return reply.code(404).render("errors/404.njk");
    return render(reply, { values: formValues(course), errors: {} }, course);
  });
  app.post<Params>(
    "/learning/courses/:courseId/edit",
    { config: { permission, form: courseForm } },
    async (request, reply) => {
      const course = await load(request);
      if (!course) return reply.code(404).render("errors/404.njk");
      return save(request, reply, course);
    },
  );
}
