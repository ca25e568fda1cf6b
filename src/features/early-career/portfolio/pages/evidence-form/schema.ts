import { z } from "zod";
import type { IsoDate } from "../../../../../platform/dates.js";
import { storedFileExtensions, storedFileTypeName } from "../../../../../platform/files/file-store.js";
import type { UploadedFile } from "../../../../../platform/uploads/uploads.js";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { type EvidenceKind, evidenceKinds } from "../../../schema.js";
import { checkboxList, isUuidText, text, yes } from "../shared-form.js";

const dateParts = datePartsInput;

function chosenFile(v: unknown): UploadedFile | null {
  if (typeof v !== "object" || v === null || !("data" in v) || !Buffer.isBuffer((v as UploadedFile).data)) {
    return null;
  }
  const file = v as UploadedFile;
  return file.filename === "" || (file.data.length === 0 && !file.truncated) ? null : file;
}

/**
 * An evidence item, with at most one file. Every field is read leniently first and checked
 * together, so every problem is reported at once, in the order of the form. The observer's name
 * is needed for a direct observation. Whether the viewer may add the kind, "not in the future" and
 * the standards and learning record being the enrolment's are the service's rules.
 */
export function evidenceForm(maxBytes: number) {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${Math.floor(maxBytes / (1024 * 1024))}MB`
      : `${Math.max(1, Math.floor(maxBytes / 1024))}KB`;
  return withDateInputs(
    z
      .object({
        kind: text,
        title: text,
        occurred_on: dateParts,
        summary: text,
        observer_name: text,
        standards: checkboxList,
        learning_record_id: text,
        file: z.unknown().optional(),
        remove_file: yes,
      })
      .transform((f, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], message });

        const kind = (evidenceKinds as readonly string[]).includes(f.kind) ? (f.kind as EvidenceKind) : null;
        if (!kind) issue("kind", "Select the kind of evidence");

        if (f.title === "") issue("title", "Enter a title");
        else if (f.title.length > 200) issue("title", "Title must be 200 characters or fewer");

        const on = checkDateParts(f.occurred_on, { label: "Date" });
        if (!on.ok) issue(`occurred_on-${on.part}`, on.message);
        else if (on.date === null) issue("occurred_on-day", "Enter the date");

        if (f.summary.length > 5000) issue("summary", "Summary must be 5000 characters or fewer");

        if (kind === "observation" && f.observer_name === "")
          issue("observer_name", "Enter the name of the observer");
        else if (f.observer_name.length > 200)
          issue("observer_name", "Observer's name must be 200 characters or fewer");

        if (f.standards.length === 0) issue("standards", "Select at least one standard it evidences");

        if (f.learning_record_id !== "" && !isUuidText(f.learning_record_id)) {
          issue("learning_record_id", "Select learning from the NQSW's learning record");
        }

        const file = chosenFile(f.file);
        if (file) {
          const ext = file.filename.toLowerCase().split(".").pop() ?? "";
          if (!(storedFileExtensions as string[]).includes(ext)) {
            issue("file", `The selected file must be a ${storedFileTypeName}`);
          } else if (file.truncated || file.data.length > maxBytes) {
            issue("file", `The selected file must be smaller than ${limit}`);
          }
        }

        return {
          input: {
            kind: kind ?? "other",
            title: f.title,
            occurredOn: ((on.ok ? on.date : null) ?? "") as IsoDate,
            summary: f.summary || null,
            observerName: f.observer_name || null,
            standards: [...new Set(f.standards)],
            learningRecordId: f.learning_record_id || null,
          },
          file: file ? { filename: file.filename, contentType: file.mimetype, data: file.data } : null,
          removeFile: f.remove_file,
        };
      }),
  );
}
export type EvidenceForm = z.output<ReturnType<typeof evidenceForm>>;
