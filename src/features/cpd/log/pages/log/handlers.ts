import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { pcfDomains } from "../../../../learning/reference.js";
import { cpdPermissions } from "../../../permissions.js";
import type { CpdEntry } from "../../cpd-log.service.js";
import {
  categoryNames,
  kindNames,
  kssStatements,
  registrationYear,
  registrationYearOf,
  sweStandards,
} from "../../reference.js";
import {
  chosenYear,
  dateText,
  entryRow,
  hoursText,
  mixView,
  type PageOptions,
  yearChoices,
} from "../shared.js";

/** The columns of the CPD log's download: everything the person wrote. */
export const logColumns = [
  {
    header: "Registration year",
    value: (e: CpdEntry) => registrationYear(registrationYearOf(e.entryOn)).label,
  },
  { header: "Date", value: (e: CpdEntry) => e.entryOn },
  { header: "Title", value: (e: CpdEntry) => e.title },
  { header: "Kind", value: (e: CpdEntry) => kindNames[e.kind] },
  { header: "70:20:10 category", value: (e: CpdEntry) => categoryNames[e.category] },
  { header: "Hours", value: (e: CpdEntry) => e.hours },
  { header: "What I learnt", value: (e: CpdEntry) => e.learnt },
  { header: "Impact on my practice", value: (e: CpdEntry) => e.impact },
  {
    header: "Professional standards",
    value: (e: CpdEntry) => e.sweStandards.map((s) => `${s}. ${sweStandards[s] ?? ""}`).join("; "),
  },
  {
    header: "PCF domains",
    value: (e: CpdEntry) => e.pcfDomains.map((d) => pcfDomains[d as keyof typeof pcfDomains] ?? d).join("; "),
  },
  {
    header: "Knowledge and skills statements",
    value: (e: CpdEntry) => e.kssStatements.map((k) => kssStatements[k] ?? k).join("; "),
  },
  { header: "Peer reflection with", value: (e: CpdEntry) => e.peerName },
  { header: "Peer reflection date", value: (e: CpdEntry) => e.peerOn },
  { header: "Peer reflection notes", value: (e: CpdEntry) => e.peerNotes },
  { header: "Status", value: (e: CpdEntry) => (e.status === "final" ? "Final" : "Draft") },
  { header: "Shared with supervisor", value: (e: CpdEntry) => (e.sharedWithSupervisor ? "Yes" : "No") },
];

/** `/cpd`: "Your CPD": the signed-in person's entries by registration year, and their 70:20:10. */
export async function logRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd",
    { config: { permission: cpdPermissions.own } },
    async (request, reply) => {
      const personId = request.principal?.personId;
      if (!personId) {
        return reply.render("cpd/log/pages/log/not-linked.njk", { pageTitle: "Your CPD" });
      }
      const ctx = request.tenantContext();
      const format = exportFormat(request.query.format);
      if (format) {
        const entries = await cpdLog.entries(ctx, personId);
        return sendExport(reply, format, `cpd-log-${cpdLog.today()}`, logColumns, entries);
      }
      const year = chosenYear(cpdLog, request.query.year);
      const [entries, mix, learning] = await Promise.all([
        cpdLog.entries(ctx, personId),
        cpdLog.mix(ctx, personId, year),
        cpdLog.unrecordedLearning(ctx, personId),
      ]);
      const current = cpdLog.currentYear();
      const byYear = new Map<number, CpdEntry[]>([[current.year, []]]);
      for (const e of entries) {
        const y = registrationYearOf(e.entryOn);
        byYear.set(y, [...(byYear.get(y) ?? []), e]);
      }
      return reply.render("cpd/log/pages/log/view.njk", {
        pageTitle: "Your CPD",
        notification: takeNotice(request),
        years: [...byYear.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([y, list]) => ({
            label: registrationYear(y).label,
            current: y === current.year,
            id: `year-${y}`,
            entries: list.map(entryRow),
          })),
        hasEntries: entries.length > 0,
        year,
        yearItems: yearChoices(cpdLog, year),
        mix: mixView(mix),
        learning: learning.slice(0, 20).map((l) => ({
          title: l.title,
          date: dateText(l.completedOn),
          hours: hoursText(l.hours),
          href: `/cpd/entries/new?learningRecordId=${l.id}`,
        })),
        moreLearning: learning.length > 20,
      });
    },
  );
}
