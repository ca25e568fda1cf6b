import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { PageOptions } from "../shared.js";
import { type SettingsForm, settingsForm } from "./schema.js";

/** `/supervision/policy/settings`: span of control, "due soon" days and the in-date target. */
export async function settingsRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;
  const permission = supervisionPermissions.manage;

  function render(reply: FastifyReply, form: FormState) {
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/policy/pages/settings/view.njk", {
        pageTitle: "Supervision settings",
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get("/supervision/policy/settings", { config: { permission } }, async (request, reply) => {
    const s = await app.platform.data.run(request.tenantContext(), (db) => policy.settings(db));
    return render(reply, {
      values: {
        max_direct_reports: String(s.maxDirectReports),
        due_soon_days: String(s.dueSoonDays),
        in_date_target_percent: String(s.inDateTargetPercent),
      },
      errors: {},
    });
  });

  app.post(
    "/supervision/policy/settings",
    { config: { permission, form: settingsForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<SettingsForm>;
      if (!result.ok) return render(reply, result);
      await policy.saveSettings(request.tenantContext(), {
        maxDirectReports: result.data.max_direct_reports,
        dueSoonDays: result.data.due_soon_days,
        inDateTargetPercent: result.data.in_date_target_percent,
      });
      setNotice(request, "Settings saved");
      return reply.redirect("/supervision/policy", 303);
    },
  );
}
