import { z } from "zod";
import type { IsoDate } from "../../../../../platform/dates.js";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../../people/pages/date-input.js";
import type { CpdCategory, CpdKind } from "../../../schema.js";
import { cpdCategories, cpdKinds } from "../../reference.js";
import { checkboxList, isUuid, text } from "../shared.js";

const LONG = 5000;

const dateParts = datePartsInput;
const yes = z
  .unknown()
  .optional()
  .transform((v) => v === "yes" || (Array.isArray(v) && v.includes("yes")));

/**
 * A CPD entry. Every field is read leniently first and checked together, so every problem is
 * reported at once, in the order of the form. What was learnt, its impact and at least one
 * professional standard are needed when the entry is final; the peer reflection is its name, date
 * and notes, or none of them. "Not in the future" is the service's rule (it knows today).
 */
export const entryForm = withDateInputs(
  z
    .object({
      entry_on: dateParts,
      title: text,
      kind: text,
      category: text,
      hours: text,
      learnt: text,
      impact: text,
      swe_standards: checkboxList,
      pcf_domains: checkboxList,
      kss_statements: checkboxList,
      peer_name: text,
      peer_on: dateParts,
      peer_notes: text,
      status: text,
      shared: yes,
      learning_record_id: text,
    })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const tooLong = (value: string, max: number, field: string, label: string) => {
        if (value.length > max) issue(field, `${label} must be ${max} characters or fewer`);
        return value || null;
      };

      const entryOn = checkDateParts(f.entry_on, { label: "Date of the learning" });
      if (!entryOn.ok) issue(`entry_on-${entryOn.part}`, entryOn.message);
      else if (entryOn.date === null) issue("entry_on-day", "Enter the date of the learning");

      if (f.title === "") issue("title", "Enter a title");
      else tooLong(f.title, 200, "title", "Title");

      const kind = (cpdKinds as readonly string[]).includes(f.kind) ? (f.kind as CpdKind) : null;
      if (!kind) issue("kind", "Select the kind of learning");

      const category = (cpdCategories as readonly string[]).includes(f.category)
        ? (f.category as CpdCategory)
        : null;
      if (f.category !== "" && !category) issue("category", "Select a 70:20:10 category from the list");

      let hours = 0;
      if (f.hours === "") issue("hours", "Enter the hours it took, like 2 or 1.5");
      else if (!/^\d+(\.\d{1,2})?$/.test(f.hours) || Number(f.hours) <= 0 || Number(f.hours) > 1000)
        issue("hours", "Hours must be a number more than 0 and up to 1000, like 2 or 1.5");
      else hours = Number(f.hours);

      const status: "draft" | "final" | null = f.status === "draft" || f.status === "final" ? f.status : null;
      const final = status === "final";
      const learnt = tooLong(f.learnt, LONG, "learnt", "What you learnt");
      if (final && !learnt) issue("learnt", "Enter what you learnt");
      const impact = tooLong(f.impact, LONG, "impact", "The impact on your practice");
      if (final && !impact) issue("impact", "Enter the impact on your practice");
      if (final && f.swe_standards.length === 0)
        issue("swe_standards", "Select at least one professional standard it relates to");

      // The peer reflection: all of name, date and notes, or none of them.
      const peerOn = checkDateParts(f.peer_on, { label: "Date of the peer reflection" });
      const anyPeer = f.peer_name !== "" || f.peer_notes !== "" || !peerOn.ok || peerOn.date !== null;
      if (anyPeer && f.peer_name === "") issue("peer_name", "Enter the name of the peer you reflected with");
      else tooLong(f.peer_name, 200, "peer_name", "Peer's name");
      if (!peerOn.ok) issue(`peer_on-${peerOn.part}`, peerOn.message);
      else if (anyPeer && peerOn.date === null) issue("peer_on-day", "Enter the date of the peer reflection");
      if (anyPeer && f.peer_notes === "") issue("peer_notes", "Enter notes from the peer reflection");
      else tooLong(f.peer_notes, LONG, "peer_notes", "Notes from the peer reflection");

      if (!status) issue("status", "Select draft or final");
      if (f.learning_record_id !== "" && !isUuid(f.learning_record_id))
        issue("learning_record_id", "Choose learning from your own learning record");

      const peer =
        f.peer_name && f.peer_notes && peerOn.ok && peerOn.date
          ? { name: f.peer_name, on: peerOn.date as IsoDate, notes: f.peer_notes }
          : null;
      return {
        entryOn: (entryOn.ok ? entryOn.date : null) ?? "",
        title: f.title,
        kind: kind ?? "course",
        category,
        hours,
        learnt,
        impact,
        sweStandards: f.swe_standards.map(Number),
        pcfDomains: f.pcf_domains,
        kssStatements: f.kss_statements,
        learningRecordId: f.learning_record_id || null,
        peer,
        status: status ?? "draft",
        sharedWithSupervisor: f.shared,
      };
    }),
);
export type EntryForm = z.output<typeof entryForm>;
