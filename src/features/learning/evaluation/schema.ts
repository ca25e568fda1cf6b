import type { ColumnType, Generated, Selectable } from "kysely";

type TenantId = ColumnType<string, string | undefined, never>;
type DateCol = string;
type StampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type InvitationState = "due" | "sent" | "not_sent";
export type FollowUpState = "scheduled" | "sent" | "not_sent";
export type Respondent = "learner" | "manager";

/** A request to evaluate a session, made when a booking's attendance is completed, and its answer. */
export interface LearningEvaluationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  booking_id: string;
  person_id: string;
  course_id: string;
  session_id: string;
  /** The date of the session's last part (the learning record's completed_on). */
  attended_on: DateCol;
  /** Three months after attended_on: when the follow-up about impact is asked. */
  follow_up_due_on: DateCol;
  invitation: ColumnType<InvitationState, InvitationState | undefined, InvitationState>;
  invited_at: StampNull;
  follow_up: ColumnType<FollowUpState, FollowUpState | undefined, FollowUpState>;
  follow_up_sent_at: StampNull;
  rating: number | null;
  confidence_before: number | null;
  confidence_after: number | null;
  will_do_differently: string | null;
  comments: string | null;
  answered_at: StampNull;
  created_at: Generated<Date>;
}
export type Evaluation = Selectable<LearningEvaluationsTable>;

/** The 3-month follow-up about the impact on practice, one a respondent. */
export interface LearningEvaluationFollowUpsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  evaluation_id: string;
  respondent: Respondent;
  /** Who was emailed: the learner, or their line manager when the follow-up was sent. */
  asked_person_id: string | null;
  sent_at: StampNull;
  impact: number | null;
  example: string | null;
  answered_by_person_id: string | null;
  answered_at: StampNull;
  created_at: Generated<Date>;
}
export type FollowUp = Selectable<LearningEvaluationFollowUpsTable>;

declare module "../../../platform/db/schema.js" {
  interface Database {
    learning_evaluations: LearningEvaluationsTable;
    learning_evaluation_follow_ups: LearningEvaluationFollowUpsTable;
  }
}
