import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { storedFileExtensions, storedFileTypeName } from "../../../../../platform/files/file-store.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";
import { pcfDomains } from "../../../../learning/reference.js";
import { cpdPermissions } from "../../../permissions.js";
import { categoryNames, kindNames, kssStatements, sweStandards } from "../../reference.js";
import {
  dateText,
  type EntryAccess,
  entryFor,
  entryHref,
  hoursText,
  notFound,
  optionalText,
  type PageOptions,
} from "../shared.js";

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)}MB`
    : `${Math.max(1, Math.round(bytes / 1024))}KB`;

type Req = FastifyRequest<{ Params: { cpdEntryId: string } }>;

/**
 * `/cpd/entries/:cpdEntryId`: an entry, read by its owner (who may change it, delete it and add
 * evidence) or, when shared, by someone who may see people's CPD and reaches the person.
 * `POST /cpd/entries/:cpdEntryId/evidence` adds one evidence file (owner only).
 */
export async function entryRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  const maxBytes = Math.min(app.platform.config.uploadMaxBytes, cpdLog.maxFileBytes);
  const evidenceForm = z.object({
    file: uploadedFile({ extensions: storedFileExtensions, typeName: storedFileTypeName, maxBytes }),
    description: optionalText(500, "Description"),
  });

  async function render(request: Req, reply: FastifyReply, access: EntryAccess, form: FormState) {
    const e = access.entry;
    const owner = access.owner;
    const base = entryHref(e.id);
    const person = owner ? null : await app.learningRecords.person(request.tenantContext(), e.personId);
    return reply.code(form.errorSummary?.length ? 400 : 200).render("cpd/log/pages/entry/view.njk", {
      pageTitle: e.title,
      notification: takeNotice(request),
      owner,
      caption: owner ? "Your CPD" : `CPD of ${person?.name ?? "a person"}`,
      backHref: owner ? "/cpd" : `/cpd/people/${e.personId}`,
      title: e.title,
      final: e.status === "final",
      editHref: `${base}/edit`,
      deleteHref: `${base}/delete`,
      rows: [
        ["Date", dateText(e.entryOn)],
        ["Kind", kindNames[e.kind]],
        ["70:20:10 category", categoryNames[e.category]],
        ["Hours", hoursText(e.hours)],
        ["What was learnt", e.learnt ?? ""],
        ["Impact on practice", e.impact ?? ""],
        ["Professional standards", e.sweStandards.map((s) => `${s}. ${sweStandards[s] ?? ""}`).join("\n")],
        ["PCF domains", e.pcfDomains.map((d) => pcfDomains[d as keyof typeof pcfDomains] ?? d).join("\n")],
        ["Knowledge and skills statements", e.kssStatements.map((k) => kssStatements[k] ?? k).join("\n")],
        ["Status", e.status === "final" ? `Final (since ${dateText(e.finalisedAt)})` : "Draft"],
        ["Shared with supervisor", e.sharedWithSupervisor ? "Yes" : "No"],
        ["From the learning record", e.learningRecordId ? "Yes" : "No"],
      ].map(([key, value]) => ({ key, value })),
      peer: e.peerName ? { name: e.peerName, date: dateText(e.peerOn), notes: e.peerNotes ?? "" } : null,
      evidence: e.evidence.map((v) => ({
        filename: v.filename,
        description: v.description,
        size: sizeText(v.sizeBytes),
        href: `${base}/evidence/${v.id}`,
        removeHref: `${base}/evidence/${v.id}/remove`,
      })),
      uploadAction: `${base}/evidence`,
      typeName: storedFileTypeName,
      accept: storedFileExtensions.map((x) => `.${x}`).join(","),
      limit: sizeText(maxBytes),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId",
    { config: { permission: cpdPermissions.own } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access) return notFound(reply);
      return render(request, reply, access, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId/evidence",
    { config: { permission: cpdPermissions.own, form: evidenceForm } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner) return notFound(reply);
      const result = request.formResult as FormResult<z.output<typeof evidenceForm>>;
      const description =
        typeof (request.body as Record<string, unknown> | undefined)?.description === "string"
          ? String((request.body as Record<string, unknown>).description)
          : "";
      if (!result.ok) return render(request, reply, access, { ...result, values: { description } });
      try {
        await cpdLog.addEvidence(
          request.tenantContext(),
          access.entry.id,
          {
            filename: result.data.file.filename,
            contentType: result.data.file.mimetype,
            data: result.data.file.data,
          },
          result.data.description,
        );
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, access, { values: { description }, ...ruleErrorView(err) });
      }
      setNotice(request, "Evidence added");
      return reply.redirect(entryHref(access.entry.id), 303);
    },
  );
}
