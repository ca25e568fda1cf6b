import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";
import type { AttendanceStatus } from "../../../schema.js";

const statuses: AttendanceStatus[] = ["attended", "partly_attended", "no_show"];
const FIELD = /^a-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d{1,2})$/i;

export interface RegisterEntry {
  bookingId: string;
  partNumber: number;
  status: AttendanceStatus;
  reason: string | null;
  href: string;
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * The register: for each booked person and part, `a-<booking>-<part>` (attended, partly attended
 * or no-show) and `r-<booking>-<part>` (the no-show reason). Parts left blank are not recorded.
 */
export const registerForm = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const entries: RegisterEntry[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (!key.startsWith("a-")) continue;
    const value = String(one(raw) ?? "").trim();
    if (value === "") continue;
    const match = FIELD.exec(key);
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({
        code: "custom",
        path: ["register"],
        message: "Attendance can only be recorded for people booked on this session",
      });
      continue;
    }
    if (!statuses.includes(value as AttendanceStatus)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: "Select attended, partly attended or did not attend",
      });
      continue;
    }
    const reasonKey = `r-${match[1]}-${match[2]}`;
    const reason = String(one(body[reasonKey]) ?? "").trim();
    if (reason.length > 500) {
      ctx.addIssue({ code: "custom", path: [reasonKey], message: "Reason must be 500 characters or fewer" });
      continue;
    }
    entries.push({
      bookingId: match[1].toLowerCase(),
      partNumber: Number(match[2]),
      status: value as AttendanceStatus,
      reason: reason || null,
      href: `#${key}`,
    });
  }
  if (entries.length === 0 && ctx.issues.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["register"],
      message: "Record attendance for at least one person",
    });
  }
  return entries;
});

export function uploadForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}
export type UploadForm = z.output<ReturnType<typeof uploadForm>>;
