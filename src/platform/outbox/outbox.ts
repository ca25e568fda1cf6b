import type { Kysely, Selectable } from "kysely";
import type { Clock } from "../clock.js";
import type { Database, OutboxMessagesTable } from "../db/schema.js";
import type { DataAccess, TenantDb } from "../tenancy/data-access.js";
import { type EmailSender, PermanentSendError } from "./email-sender.js";

export type OutboxMessage = Selectable<OutboxMessagesTable>;

export interface NewEmail {
  to: string;
  subject: string;
  body: string;
  reference?: string;
}

const MAX_ATTEMPTS = 5;
const backoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/**
 * Every email goes through the outbox table, written in the same transaction as the change that
 * causes it. A job delivers pending messages through the sender (GOV.UK Notify); with no sender
 * configured, messages are held and shown on the outbox page instead.
 */
export class Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly sender: EmailSender | null,
  ) {}

  async enqueue(trx: TenantDb, email: NewEmail): Promise<OutboxMessage> {
    const now = this.clock.now();
    return trx
      .insertInto("outbox_messages")
      .values({
        to_address: email.to,
        subject: email.subject,
        body: email.body,
        reference: email.reference ?? null,
        status: this.sender ? "pending" : "held",
        next_attempt_at: now,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Sends what is due; returns how many were sent. */
  async deliverDue(limit = 100): Promise<{ sent: number; retrying: number; failed: number }> {
    const tally = { sent: 0, retrying: 0, failed: 0 };
    if (!this.sender) return tally;
    const due = await this.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", this.clock.now())
      .orderBy("next_attempt_at")
      .limit(limit)
      .execute();
    for (const message of due) {
      const outcome = await this.#deliver(this.sender, message);
      tally[outcome] += 1;
    }
    return tally;
  }

  /** Recent messages for one tenant (the outbox page). */
  recent(trx: TenantDb, limit = 50): Promise<OutboxMessage[]> {
    return trx.selectFrom("outbox_messages").selectAll().orderBy("created_at", "desc").limit(limit).execute();
  }

  async #deliver(sender: EmailSender, message: OutboxMessage): Promise<"sent" | "retrying" | "failed"> {
    const attempts = message.attempts + 1;
    let update: Partial<
      Pick<OutboxMessage, "status" | "provider_id" | "sent_at" | "last_error" | "next_attempt_at">
    >;
    let outcome: "sent" | "retrying" | "failed";
    try {
      const providerId = await sender.send({
        to: message.to_address,
        subject: message.subject,
        body: message.body,
        reference: message.reference ?? message.id,
      });
      update = { status: "sent", provider_id: providerId, sent_at: this.clock.now(), last_error: null };
      outcome = "sent";
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof PermanentSendError || attempts >= MAX_ATTEMPTS;
      outcome = permanent ? "failed" : "retrying";
      update = permanent
        ? { status: "failed", last_error: error }
        : { last_error: error, next_attempt_at: new Date(this.clock.now().getTime() + backoffMs(attempts)) };
    }
    await this.data.run({ tenantId: message.tenant_id, actor: { id: "job:outbox.deliver" } }, (trx) =>
      trx
        .updateTable("outbox_messages")
        .set({ ...update, attempts })
        .where("id", "=", message.id)
        .execute(),
    );
    return outcome;
  }
}
