import { formatDate } from "../../../platform/views/render.js";
import { stateTag } from "../../cpd/registration/pages/shared.js";
import { statusColour, statusName } from "../../learning/bookings/pages/shared.js";
import { liveBookingStatuses } from "../../learning/schema.js";
import { statusTag as supervisionTag } from "../../supervision/compliance/pages/shared.js";
import {
  day,
  type HomeContext,
  type Panel,
  type PanelLine,
  type PanelSection,
  plural,
  section,
} from "./shared.js";

const trainingTags: Record<string, { text: string; classes: string }> = {
  due_soon: { text: "Due soon", classes: "govuk-tag--yellow" },
  overdue: { text: "Overdue", classes: "govuk-tag--red" },
  expired: { text: "Expired", classes: "govuk-tag--red" },
};

/** Whether the practitioner panel applies: a person record and their own learning or CPD. */
export function practitionerApplies(h: HomeContext): boolean {
  return h.personId !== null && (h.can("learning.view") || h.can("cpd.own"));
}

/**
 * The signed-in person's own things to act on: mandatory training due or overdue and their
 * upcoming bookings (the compliance table's person view), their next supervision (supervision
 * compliance) and, for registered social workers, their Social Work England CPD readiness.
 * Three reads of their own records, in parallel.
 */
export async function practitionerPanel(h: HomeContext): Promise<Panel | null> {
  const personId = h.personId;
  if (!personId) return null;
  const { app, ctx, today } = h;
  const [learning, supervision, cpd] = await Promise.all([
    h.can("learning.view") ? app.compliance.personView(ctx, personId, null) : null,
    h.can("supervision.view") ? app.supervisionCompliance.personStatus(ctx, personId, today) : null,
    h.can("cpd.own") ? app.cpdRegistration.personReadiness(ctx, personId) : null,
  ]);
  const sections: PanelSection[] = [];
  const view = learning?.view ?? null;
  if (view) {
    const due = view.statuses
      .filter((s) => s.status in trainingTags)
      .sort((a, b) => (a.completeBy ?? a.dueOn ?? "").localeCompare(b.completeBy ?? b.dueOn ?? ""));
    const overdue = due.filter((s) => s.status !== "due_soon").length;
    sections.push(
      section(
        "Mandatory training",
        due.length === 0
          ? "Nothing due"
          : `${plural(due.length, "requirement", "requirements")} due or overdue (${overdue} overdue)`,
        due.map(
          (s): PanelLine => ({
            text: s.title,
            detail: s.completeBy
              ? `complete by ${day(s.completeBy)}`
              : s.dueOn
                ? `due ${day(s.dueOn)}`
                : null,
            tag: trainingTags[s.status] ?? null,
          }),
        ),
        { href: `/learning/people/${personId}`, text: "Your learning" },
      ),
    );
    const now = app.platform.clock.now();
    const live = new Set<string>(liveBookingStatuses);
    const upcoming = view.bookings
      .filter((b) => live.has(b.status) && b.startsAt !== null && new Date(b.startsAt) > now)
      .sort((a, b) => new Date(a.startsAt ?? 0).getTime() - new Date(b.startsAt ?? 0).getTime());
    sections.push(
      section(
        "Your bookings",
        upcoming.length === 0 ? "No bookings to come" : plural(upcoming.length, "booking", "bookings"),
        upcoming.map((b) => ({
          text: b.courseTitle,
          detail: b.startsAt ? `starts ${formatDate(b.startsAt, true)}` : null,
          tag: { text: statusName(b.status), classes: statusColour(b.status) },
        })),
        { href: "/learning/bookings", text: "Your bookings" },
      ),
    );
  }
  if (supervision?.rule) {
    const tag = supervisionTag(supervision.status);
    sections.push(
      section(
        "Next supervision",
        supervision.dueOn ? `Due ${day(supervision.dueOn)}` : "No date yet",
        [
          {
            // The summary says when the next is due; the line says when the last was held.
            text: supervision.lastHeldOn
              ? `Last held ${day(supervision.lastHeldOn)}`
              : "No supervision recorded yet",
            detail: supervision.plannedOn ? `planned for ${day(supervision.plannedOn)}` : null,
            tag,
          },
        ],
        { href: "/supervision", text: "Your supervision" },
      ),
    );
  }
  const readiness = cpd?.readiness;
  if (readiness && readiness.state !== "not_registered") {
    sections.push(
      section(
        "Social Work England renewal",
        `CPD for ${readiness.year.name}: ${plural(readiness.pieces, "piece", "pieces")} recorded`,
        [
          {
            text:
              readiness.missing.length > 0
                ? `Still needed: ${readiness.missing.join(" and ")}`
                : `Registration year ends ${day(readiness.year.endsOn)}`,
            tag: stateTag(readiness.state, readiness.sweStatus),
          },
        ],
        { href: "/cpd/registration", text: "Your CPD readiness" },
      ),
    );
  }
  if (sections.length === 0) return null;
  return { key: "practitioner", title: "Your learning and practice", sections };
}
