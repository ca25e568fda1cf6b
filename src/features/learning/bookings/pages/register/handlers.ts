import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { ProblemsError } from "../../errors.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound, outcomeNames } from "../shared.js";
import { type RegisterEntry, registerForm, type UploadForm, uploadForm } from "./schema.js";

type Params = { Params: { sessionId: string } };
const permission = learningPermissions.manageSessions;

/**
 * `/learning/sessions/:sessionId/register`: attendance for each part, on a tablet or from an
 * uploaded register. All or nothing; completion creates the learning record.
 */
export async function registerRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;
  const upload = uploadForm(app.platform.config.uploadMaxBytes);

  const load = (request: FastifyRequest<Params>) =>
    isUuid(request.params.sessionId)
      ? service.session(request.tenantContext(), request.params.sessionId)
      : Promise.resolve(undefined);

  async function render(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    session: NonNullable<Awaited<ReturnType<typeof service.session>>>,
    form: FormState,
  ) {
    const { parts, people, recorded } = await queries.register(request.tenantContext(), session.id);
    const saved = new Map(recorded.map((r) => [`${r.booking_id}-${r.part_id}`, r]));
    const submitted = Object.keys(form.values).length > 0;
    const value = (key: string, fallback: string | null | undefined) =>
      submitted ? String(form.values[key] ?? "") : (fallback ?? "");
    const options: Array<[string, string]> = [
      ["attended", "Attended"],
      ["partly_attended", "Partly attended"],
      ["no_show", "Did not attend"],
    ];
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/bookings/pages/register/view.njk", {
        pageTitle: `Register: ${session.courseTitle}`,
        notification: form.errorSummary?.length ? undefined : takeNotice(request),
        session,
        parts: parts.map((part) => ({
          ...part,
          people: people.map((p) => {
            const field = `a-${p.id}-${part.part_number}`;
            const reasonField = `r-${p.id}-${part.part_number}`;
            const was = saved.get(`${p.id}-${part.id}`);
            const chosen = value(field, was?.status);
            return {
              name: `${p.givenName} ${p.familyName}`,
              outcome: p.outcome ? outcomeNames[p.outcome] : null,
              field,
              reasonField,
              reason: value(reasonField, was?.no_show_reason),
              items: options.map(([v, text]) => ({ value: v, text, checked: chosen === v })),
            };
          }),
        })),
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<Params>(
    "/learning/sessions/:sessionId/register",
    { config: { permission } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      return render(request, reply, session, { values: {}, errors: {} });
    },
  );

  async function save(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    session: NonNullable<Awaited<ReturnType<typeof service.session>>>,
    write: () => Promise<number | undefined>,
    values: Record<string, unknown>,
  ) {
    try {
      const count = await write();
      if (count === undefined) return notFound(reply);
      setNotice(request, `Attendance recorded (${count} ${count === 1 ? "entry" : "entries"})`);
      return reply.redirect(`/learning/sessions/${session.id}/register`, 303);
    } catch (err) {
      if (!(err instanceof ProblemsError)) throw err;
      const errors: Record<string, string> = {};
      for (const p of err.problems) errors[p.href.slice(1)] ??= p.text;
      return render(request, reply, session, { values, errors, errorSummary: err.problems });
    }
  }

  app.post<Params>(
    "/learning/sessions/:sessionId/register",
    { config: { permission, form: registerForm } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      const result = request.formResult as FormResult<RegisterEntry[]>;
      if (!result.ok) return render(request, reply, session, result);
      const values = { ...(request.body as Record<string, unknown>) };
      delete values._csrf;
      return save(
        request,
        reply,
        session,
        () => service.recordAttendance(request.tenantContext(), session.id, result.data),
        values,
      );
    },
  );

  app.post<Params>(
    "/learning/sessions/:sessionId/register/upload",
    { config: { permission, form: upload } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      const result = request.formResult as FormResult<UploadForm>;
      if (!result.ok) return render(request, reply, session, { ...result, values: {} });
      return save(
        request,
        reply,
        session,
        () => service.uploadRegister(request.tenantContext(), session.id, result.data.file.data),
        {},
      );
    },
  );
}
