import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { kindNames, sweStandards } from "../../../log/reference.js";
import { cpdPermissions } from "../../../permissions.js";
import type { CpdKind } from "../../../schema.js";
import { type RegistrationYear, registrationYearEnding } from "../../readiness.js";
import type { YearEntry } from "../../registration.repository.js";
import { notFound, type PageOptions, yearFromQuery } from "../shared.js";

const day = (d: string | null) => formatDate(d, false);
const kind = (e: YearEntry) => kindNames[e.kind as CpdKind] ?? e.kind;
const standards = (e: YearEntry) =>
  e.swe_standards.map((n) => `${n}. ${sweStandards[n] ?? ""}`.trim()).join("; ");
const peer = (e: YearEntry) =>
  e.peer_name
    ? `With ${e.peer_name} on ${day(e.peer_on)}${e.peer_notes ? `: ${e.peer_notes}` : ""}`
    : "None recorded";

/** The year's final CPD as plain text, in the order Social Work England's online account asks. */
export function cpdText(
  name: string,
  sweNumber: string | null,
  year: RegistrationYear,
  entries: YearEntry[],
): string {
  const lines = [
    "CPD for Social Work England",
    `Name: ${name}`,
    `Registration number: ${sweNumber ?? "not recorded"}`,
    `Registration year: ${day(year.startsOn)} to ${day(year.endsOn)}`,
    `Pieces of final CPD: ${entries.length}`,
    "",
  ];
  if (entries.length === 0) lines.push("No final CPD is recorded in this year.", "");
  entries.forEach((e, i) => {
    lines.push(
      `--- ${i + 1} of ${entries.length} ---`,
      `Title: ${e.title}`,
      `Date: ${day(e.entry_on)}`,
      `Type of CPD: ${kind(e)}`,
      "",
      "What did you learn?",
      e.learnt?.trim() || "Not recorded",
      "",
      "How has it affected your practice?",
      e.impact?.trim() || "Not recorded",
      "",
      `Professional standards: ${standards(e) || "None chosen"}`,
      `Peer reflection: ${peer(e)}`,
      "",
    );
  });
  return `${lines.join("\r\n")}\r\n`;
}

/** `/cpd/registration/download?year=YYYY`: the signed-in person's final CPD of a year, text or CSV. */
export async function downloadRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd/registration/download",
    { config: { permission: cpdPermissions.own } },
    async (request, reply) => {
      const current = opts.registration.currentYear();
      const endYear = yearFromQuery(request.query.year, current.endYear, 10);
      const personId = request.principal?.personId;
      if (endYear === null || !personId) return notFound(reply);
      const year = registrationYearEnding(endYear);
      const found = await opts.registration.personReadiness(request.tenantContext(), personId, year);
      if (!found) return notFound(reply);
      const { person } = found;
      const entries = found.entries.filter((e) => e.status === "final");
      const name = `${person.preferred_name ?? person.given_name} ${person.family_name}`;
      const filename = `cpd-${year.startsOn.slice(0, 4)}-to-${endYear}`;
      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          filename,
          [
            { header: "Title", value: (e: YearEntry) => e.title },
            { header: "Date", value: (e) => e.entry_on },
            { header: "Type of CPD", value: kind },
            { header: "What did you learn", value: (e) => e.learnt },
            { header: "Impact on practice", value: (e) => e.impact },
            { header: "Professional standards", value: standards },
            { header: "Peer", value: (e) => e.peer_name },
            { header: "Peer reflection date", value: (e) => e.peer_on },
            { header: "Peer reflection notes", value: (e) => e.peer_notes },
          ],
          entries,
        );
      }
      return reply
        .header("content-disposition", `attachment; filename="${filename}.txt"`)
        .header("cache-control", "no-store")
        .type("text/plain; charset=utf-8")
        .send(cpdText(name, person.swe_number, year, entries));
    },
  );
}
