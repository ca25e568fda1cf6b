import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";
import { workforcePermissions } from "../../../permissions.js";
import type { WorkforceFeedService } from "../../feeds.service.js";
import { workforceFeedFolders } from "../../folder.js";
import { type FeedKindPage, feedKindPages } from "../kinds.js";

const permission = workforcePermissions.manage;

function uploadForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}
type UploadFormData = z.output<ReturnType<typeof uploadForm>>;

/**
 * `/workforce/feeds/{agency,absence,stability}/upload`: a feed's CSV file, imported row by row
 * (WorkforceFeedService); then the run's report.
 */
export async function uploadRoutes(app: FastifyInstance, opts: { feeds: WorkforceFeedService }) {
  const form = uploadForm(app.platform.config.uploadMaxBytes);

  for (const page of Object.values(feedKindPages)) {
    const url = `/workforce/feeds/${page.kind}/upload`;
    const render = (reply: FastifyReply, state: FormState) =>
      reply.code(state.errorSummary?.length ? 400 : 200).render("workforce/feeds/pages/upload/view.njk", {
        pageTitle: `Upload ${page.title.toLowerCase()}`,
        page: pageView(page),
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });

    app.get(url, { config: { permission, councilWide: true } }, (_request, reply) =>
      render(reply, { values: {}, errors: {} }),
    );

    app.post(url, { config: { permission, councilWide: true, form } }, async (request, reply) => {
      const result = request.formResult as FormResult<UploadFormData>;
      if (!result.ok)
        return render(reply, { values: {}, errors: result.errors, errorSummary: result.errorSummary });
      try {
        const outcome = await opts.feeds.importFile(request.tenantContext(), page.kind, {
          filename: result.data.file.filename,
          content: result.data.file.data,
          trigger: "upload",
        });
        setNotice(
          request,
          outcome.duplicate
            ? "This file was taken before: nothing has changed"
            : `${page.title} uploaded: ${outcome.applied} applied, ${outcome.unchanged} unchanged, ${outcome.rejected} refused`,
        );
        return reply.redirect(`/workforce/feeds/runs/${outcome.runId}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, { values: {}, ...ruleErrorView(err) });
      }
    });
  }
}

function pageView(page: FeedKindPage) {
  return { ...page, folder: workforceFeedFolders[page.kind] };
}
