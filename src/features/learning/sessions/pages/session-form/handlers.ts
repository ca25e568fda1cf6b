import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { learningPermissions } from "../../../permissions.js";
import type { Clash, SessionsService } from "../../sessions.service.js";
import { siteOf } from "../../site.js";
import { londonWallClock, timeValue } from "../../times.js";
import { MAX_PARTS, type SessionForm, sessionForm } from "./schema.js";

const permission = learningPermissions.manageSessions;

interface Context {
  course: { id: string; title: string };
  sessionId: string | null;
}

interface Shown {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  errorSummary?: { text: string; href: string }[];
  clashes?: Clash[];
}

/** How many part rows the values fill (at least one, one more when asked). */
function rowCount(values: Record<string, unknown>, extra: number): number {
  let filled = 0;
  for (let n = 1; n <= MAX_PARTS; n++) {
    if (
      Object.entries(values).some(([k, v]) => k.startsWith(`part${n}_`) && typeof v === "string" && v.trim())
    ) {
      filled = n;
    }
  }
  const asked = Number(values.part_rows) || 1;
  return Math.min(MAX_PARTS, Math.max(filled, asked, 1) + extra);
}

/** `/learning/courses/:courseId/sessions/new` and `/learning/sessions/:sessionId/edit`: L&D add and change sessions. */
export async function sessionFormRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  const { sessions } = opts;

  function render(reply: FastifyReply, c: Context, shown: Shown, extraRow = 0) {
    const rows = rowCount(shown.values, extraRow);
    const backHref = c.sessionId ? `/learning/sessions/${c.sessionId}` : `/learning/courses/${c.course.id}`;
    return reply
      .code(shown.errorSummary?.length ? 400 : 200)
      .render("learning/sessions/pages/session-form/view.njk", {
        pageTitle: c.sessionId
          ? `Change a session of ${c.course.title}`
          : `Add a session of ${c.course.title}`,
        heading: c.sessionId ? "Change a session" : "Add a session",
        course: c.course,
        backHref,
        rows: Array.from({ length: rows }, (_, i) => i + 1),
        rowCount: rows,
        canAddRow: rows < MAX_PARTS,
        clashes: shown.clashes ?? [],
        values: shown.values,
        errors: shown.errors,
        errorSummary: shown.errorSummary ?? [],
      });
  }

  async function save(request: FastifyRequest, reply: FastifyReply, c: Context) {
    const values = { ...(request.body as Record<string, unknown>) };
    delete values._csrf;
    if (values.action === "add_part") return render(reply, c, { values, errors: {} }, 1);
    const result = request.formResult as FormResult<SessionForm>;
    if (!result.ok) return render(reply, c, result);
    const ctx = request.tenantContext();
    const options = { confirmClashes: result.data.confirmClashes, baseUrl: siteOf(app, request).baseUrl };
    try {
      const outcome = c.sessionId
        ? await sessions.update(ctx, c.sessionId, result.data.input, options)
        : await sessions.create(ctx, c.course.id, result.data.input, options);
      if (!outcome.saved) {
        delete values.confirmClashes;
        return render(reply, c, { values, errors: {}, clashes: outcome.clashes });
      }
      setNotice(request, c.sessionId ? "Session changed" : "Session added");
      return reply.redirect(`/learning/sessions/${outcome.id}`, 303);
    } catch (err) {
      if (err instanceof RuleError) return render(reply, c, { values, ...ruleErrorView(err) });
      throw err;
    }
  }

  type CourseParams = { Params: { courseId: string } };
  const course = async (request: FastifyRequest<CourseParams>) => {
    if (!isUuid(request.params.courseId)) return null;
    const found = await sessions.course(request.tenantContext(), request.params.courseId);
    return found ? { id: found.id, title: found.title } : null;
  };

  app.get<CourseParams>(
    "/learning/courses/:courseId/sessions/new",
    { config: { permission } },
    async (request, reply) => {
      const c = await course(request);
      if (!c) return reply.code(404).render("errors/404.njk");
      return render(reply, { course: c, sessionId: null }, { values: { minimum: "0" }, errors: {} });
    },
  );
  app.post<CourseParams>(
    "/learning/courses/:courseId/sessions/new",
    { config: { permission, form: sessionForm } },
    async (request, reply) => {
      const c = await course(request);
      if (!c) return reply.code(404).render("errors/404.njk");
      return save(request, reply, { course: c, sessionId: null });
    },
  );

  type SessionParams = { Params: { sessionId: string } };
  const load = async (request: FastifyRequest<SessionParams>) =>
    isUuid(request.params.sessionId)
      ? sessions.session(request.tenantContext(), request.params.sessionId)
      : null;

  app.get<SessionParams>(
    "/learning/sessions/:sessionId/edit",
    { config: { permission } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return reply.code(404).render("errors/404.njk");
      const s = found.session;
      const values: Record<string, unknown> = {
        capacity: String(s.capacity),
        minimum: String(s.minimum),
        ...dateInputValues("booking_closes", s.booking_closes_on),
        venue: s.venue ?? "",
        room: s.room ?? "",
        online_link: s.online_link ?? "",
        trainers: s.trainers.join("\n"),
        notes: s.notes ?? "",
      };
      for (const [i, p] of found.parts.entries()) {
        const start = londonWallClock(p.starts_at);
        Object.assign(values, dateInputValues(`part${i + 1}_date`, start.date), {
          [`part${i + 1}_start`]: timeValue(start.minutes),
          [`part${i + 1}_end`]: timeValue(londonWallClock(p.ends_at).minutes),
        });
      }
      const c = { course: { id: s.course_id, title: s.course_title }, sessionId: s.id };
      if (s.status === "cancelled") {
        return render(reply, c, {
          values,
          ...ruleErrorView(new RuleError("form", "This session is cancelled and cannot be changed")),
        });
      }
      return render(reply, c, { values, errors: {} });
    },
  );
  app.post<SessionParams>(
    "/learning/sessions/:sessionId/edit",
    { config: { permission, form: sessionForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return reply.code(404).render("errors/404.njk");
      const s = found.session;
      return save(request, reply, { course: { id: s.course_id, title: s.course_title }, sessionId: s.id });
    },
  );
}
