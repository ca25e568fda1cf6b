import type { ColumnType, Generated } from "kysely";
import type { SweStatus } from "../../people/reference/domain.js";
import "../schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;

export const checkSources = ["manual", "feed"] as const;
export type CheckSource = (typeof checkSources)[number];

/** One look at the Social Work England register for a person: by hand (HR) or from a feed. */
export interface CpdRegisterChecksTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  checked_on: DateCol;
  status: SweStatus;
  /** The registration number looked up (the person's at the time). */
  swe_number: string | null;
  source: CheckSource;
  recorded_by: string;
  note: string | null;
  created_at: Generated<Date>;
}

export const reminderRounds = ["september", "november"] as const;
export type ReminderRound = (typeof reminderRounds)[number];

/** A readiness reminder sent, so each goes once: to the person, or a manager's list. */
export interface CpdRegistrationRemindersTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  /** The registration year, by the year it ends (30 November). */
  year_end: number;
  round: ReminderRound;
  audience: "person" | "manager";
  sent_at: Generated<Date>;
}

declare module "../../../platform/db/schema.js" {
  interface Database {
    cpd_register_checks: CpdRegisterChecksTable;
    cpd_registration_reminders: CpdRegistrationRemindersTable;
  }
}
