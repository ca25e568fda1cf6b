import type { Tally } from "../../learning/compliance/compliance.service.js";
import { statusTag as supervisionTag } from "../../supervision/compliance/pages/shared.js";
import {
  day,
  type HomeContext,
  type Panel,
  type PanelSection,
  plural,
  reachesOthers,
  section,
} from "./shared.js";

/** Whether the manager panel applies: they record supervision for people in their scope. */
export function managerApplies(h: HomeContext): boolean {
  return h.can("supervision.record") && reachesOthers(h.scope("supervision.record"));
}

/**
 * A manager's team, what to act on now: overdue and due supervision (supervision compliance),
 * mandatory training not complied with (the compliance table's team figures), caseloads over
 * their cap (caseloads) and NQSWs' milestones due or overdue (early career enrolments). Each part
 * only with its permission and in its scope; the reads run in parallel and most are remembered by
 * their services until the council's data changes.
 */
export async function managerPanel(h: HomeContext): Promise<Panel | null> {
  const { app, ctx, today } = h;
  const trainingScope = h.scope("learning.records.view");
  const caseloadScope = h.scope("caseloads.record");
  const earlyScope = h.scope("early-career.view");
  const [overdue, training, caseloads, enrolments] = await Promise.all([
    app.supervisionCompliance.overdue(ctx, h.scope("supervision.record"), null, today),
    h.can("learning.records.view") && reachesOthers(trainingScope)
      ? app.compliance
          .unitChoices(ctx, trainingScope)
          .then((units) => app.compliance.teamFigures(ctx, trainingScope, units, null))
      : null,
    h.can("caseloads.record") && reachesOthers(caseloadScope)
      ? app.caseloads.workers(ctx, caseloadScope, null)
      : null,
    h.can("early-career.view") && reachesOthers(earlyScope)
      ? app.earlyCareerEnrolments.inScope(ctx, earlyScope)
      : null,
  ]);
  const sections: PanelSection[] = [];

  const late = overdue.filter((r) => r.status === "overdue").length;
  sections.push(
    section(
      "Supervision",
      overdue.length === 0
        ? "Everyone is in date"
        : `${plural(late, "person", "people")} overdue, ${overdue.length - late} due soon`,
      overdue.map((r) => ({
        text: r.name,
        href: `/supervision/people/${r.personId}`,
        detail: r.dueOn ? `due ${day(r.dueOn)}` : null,
        tag: supervisionTag(r.status),
      })),
      { href: "/supervision/overdue", text: "Overdue and due supervision" },
    ),
  );

  if (training) {
    const names = new Map(training.requirements.map((q) => [q.id, q.title]));
    const short = [...training.totals.entries()]
      .map(([id, t]: [string, Tally]) => ({
        title: names.get(id) ?? "",
        notCompliant: t.total - t.compliant,
        t,
      }))
      .filter((r) => r.notCompliant > 0)
      .sort((a, b) => b.notCompliant - a.notCompliant || a.title.localeCompare(b.title));
    const people = short.reduce((n, r) => n + r.notCompliant, 0);
    sections.push(
      section(
        "Mandatory training",
        short.length === 0
          ? training.fresh
            ? "Everyone is compliant"
            : "The figures are being updated"
          : `${people} overdue or expired, across ${plural(short.length, "requirement", "requirements")}`,
        short.map((r) => ({
          text: r.title,
          detail: `${r.notCompliant} of ${r.t.total} not compliant`,
        })),
        { href: "/learning/compliance", text: "Compliance with mandatory training" },
      ),
    );
  }

  if (caseloads) {
    const over = caseloads.filter((w) => w.over).sort((a, b) => (b.children ?? 0) - (a.children ?? 0));
    sections.push(
      section(
        "Caseloads over cap",
        over.length === 0
          ? "Nobody is over their cap"
          : `${plural(over.length, "person", "people")} over their cap`,
        over.map((w) => ({
          text: w.name,
          detail: `${w.children ?? 0} children, cap ${w.cap ?? ""}`,
          tag: { text: "Over cap", classes: "govuk-tag--red" },
        })),
        { href: "/caseloads", text: "Caseloads" },
      ),
    );
  }

  if (enrolments) {
    const due = enrolments
      .filter((e) => e.personId !== h.personId)
      .flatMap((e) =>
        e.milestones.filter((m) => m.status === "overdue" || m.status === "due_soon").map((m) => ({ e, m })),
      )
      .sort((a, b) => a.m.dueOn.localeCompare(b.m.dueOn) || a.e.personName.localeCompare(b.e.personName));
    const late = due.filter((d) => d.m.status === "overdue").length;
    sections.push(
      section(
        "NQSW milestones",
        due.length === 0
          ? "No milestones due"
          : `${plural(due.length, "milestone", "milestones")} due or overdue (${late} overdue)`,
        due.map(({ e, m }) => ({
          text: `${e.personName}: ${m.name}`,
          href: `/early-career/enrolments/${e.id}/milestones/${m.id}`,
          detail: `due ${day(m.dueOn)}`,
          tag:
            m.status === "overdue"
              ? { text: "Overdue", classes: "govuk-tag--red" }
              : { text: "Due soon", classes: "govuk-tag--yellow" },
        })),
        { href: "/early-career", text: "Early career" },
      ),
    );
  }
  return { key: "manager", title: "Your team", sections };
}
