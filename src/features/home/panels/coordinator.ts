import { DashboardService } from "../../early-career/dashboard/dashboard.service.js";
import { day, type HomeContext, type Panel, plural, section } from "./shared.js";

/** Days ahead the co-ordinator's milestones are listed. */
export const MILESTONE_DAYS = 14;

/** Whether the ASYE co-ordinator's panel applies: they run the programme. */
export function coordinatorApplies(h: HomeContext): boolean {
  return h.can("early-career.manage");
}

/**
 * The co-ordinator's milestones: those due in the next 14 days and those overdue, for every
 * active NQSW (the early career dashboard's open milestones, optional ones past their day left
 * out, as the dashboard lists them).
 */
export async function coordinatorPanel(h: HomeContext): Promise<Panel> {
  const dashboard = await h.app.earlyCareerDashboard.dashboard(h.ctx);
  const all = new Set(dashboard.rows.map((r) => r.enrolmentId));
  const { dueSoon, overdue } = DashboardService.cohortMilestones(dashboard, all, MILESTONE_DAYS);
  const byDate = <T extends { dueOn: string; name: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name));
  const line = (m: (typeof dueSoon)[number]) => ({
    text: `${m.name}: ${m.milestone}`,
    href: `/early-career/enrolments/${m.enrolmentId}`,
    detail: `due ${day(m.dueOn)}`,
  });
  const link = { href: "/early-career/dashboard", text: "The early career dashboard" };
  return {
    key: "coordinator",
    title: "Early career programme",
    sections: [
      section(
        "Overdue milestones",
        overdue.length === 0
          ? "None overdue"
          : plural(overdue.length, "milestone overdue", "milestones overdue"),
        byDate(overdue).map((m) => ({ ...line(m), tag: { text: "Overdue", classes: "govuk-tag--red" } })),
        link,
      ),
      section(
        `Milestones due in the next ${MILESTONE_DAYS} days`,
        dueSoon.length === 0 ? "None due" : plural(dueSoon.length, "milestone", "milestones"),
        byDate(dueSoon).map(line),
        link,
      ),
    ],
  };
}
