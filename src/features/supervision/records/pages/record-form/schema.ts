import { z } from "zod";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../../people/pages/date-input.js";
import type { SupervisionKind, SupervisionStatus } from "../../../schema.js";
import { recordableKinds, type SupervisionInput } from "../../records.service.js";
import { text } from "../shared.js";

/**
 * A supervision, held or cancelled. Every field is read leniently and checked together, so every
 * problem is reported at once in the order of the form. A cancelled supervision needs its reason
 * and may have a rearranged date; a held one may have its duration. "Not in the future" and "the
 * rearranged date after the planned one" are the service's rules.
 */
export const recordForm = withDateInputs(
  z
    .object({
      held_on: datePartsInput,
      supervisor_person_id: text,
      kind: text,
      status: text,
      cancelled_reason: text,
      rearranged_on: datePartsInput,
      duration: text,
      actions: text,
      note: text,
    })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });

      const heldOn = checkDateParts(f.held_on, { label: "Date of the supervision" });
      if (!heldOn.ok) issue(`held_on-${heldOn.part}`, heldOn.message);
      else if (heldOn.date === null) issue("held_on-day", "Enter the date of the supervision");

      if (f.supervisor_person_id !== "" && !isUuid(f.supervisor_person_id))
        issue("supervisor_person_id", "Select a supervisor from the list");
      else if (f.supervisor_person_id === "") issue("supervisor_person_id", "Select the supervisor");

      const kind = (recordableKinds as readonly string[]).includes(f.kind)
        ? (f.kind as SupervisionKind)
        : null;
      if (!kind) issue("kind", "Select the kind of supervision");

      const status: SupervisionStatus | null =
        f.status === "held" || f.status === "cancelled" ? f.status : null;
      if (!status) issue("status", "Select whether the supervision was held or cancelled");
      const cancelled = status === "cancelled";

      if (cancelled && f.cancelled_reason === "")
        issue("cancelled_reason", "Enter why the supervision was cancelled");
      else if (cancelled && f.cancelled_reason.length > 500)
        issue("cancelled_reason", "The reason must be 500 characters or fewer");

      const rearranged = checkDateParts(f.rearranged_on, { label: "Rearranged date" });
      if (cancelled && !rearranged.ok) issue(`rearranged_on-${rearranged.part}`, rearranged.message);

      let duration: number | null = null;
      if (!cancelled && f.duration !== "") {
        if (!/^\d{1,3}$/.test(f.duration) || Number(f.duration) < 1 || Number(f.duration) > 600)
          issue("duration", "Duration must be a whole number of minutes from 1 to 600, like 90");
        else duration = Number(f.duration);
      }
      if (f.actions.length > 4000) issue("actions", "Agreed actions must be 4000 characters or fewer");
      if (f.note.length > 20000) issue("note", "The reflective note must be 20000 characters or fewer");

      const input: SupervisionInput = {
        supervisorPersonId: f.supervisor_person_id || null,
        kind: kind ?? "individual",
        heldOn: (heldOn.ok ? heldOn.date : null) ?? "",
        status: status ?? "held",
        cancelledReason: cancelled ? f.cancelled_reason : null,
        rearrangedOn: cancelled && rearranged.ok ? rearranged.date : null,
        durationMinutes: duration,
        actions: f.actions || null,
      };
      return { input, note: f.note || null };
    }),
);
export type RecordForm = z.output<typeof recordForm>;
