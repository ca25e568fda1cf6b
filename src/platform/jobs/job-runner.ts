import { Cron } from "croner";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely, Selectable } from "kysely";
import type { Clock } from "../clock.js";
import type { Database, JobsTable } from "../db/schema.js";

export type Job = Selectable<JobsTable>;

export interface JobContext {
  job: Job;
  log: FastifyBaseLogger;
  /** Records how far a long job has got; shown on the jobs page. */
  progress(done: number, total: number, note?: string): Promise<void>;
}

export interface JobDefinition {
  name: string;
  run(ctx: JobContext): Promise<void>;
  /** Attempts before the job is marked failed (default 3). */
  maxAttempts?: number;
  /** Wait before attempt n+1 after n failed attempts (default 1 minute, doubling). */
  backoffMs?: (attempts: number) => number;
}

export interface EnqueueOptions {
  tenantId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
}

const STALE_RUNNING_MS = 30 * 60_000;
const defaultBackoff = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/**
 * Scheduled and queued jobs on a table, so it works the same on PGlite and PostgreSQL and survives
 * restarts. Time comes from the clock, so tests move it; `tick()` does all the work that is due and
 * the timer started by `start()` only calls `tick()`.
 */
export class JobRunner {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #schedules = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  define(definition: JobDefinition): void {
    if (this.#definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
    this.#definitions.set(definition.name, definition);
  }

  /** Runs the named job on a cron pattern (Europe/London time), e.g. "0 2 * * *" for 2am daily. */
  schedule(name: string, cron: string): void {
    this.nextRun(cron, this.clock.now());
    this.#schedules.set(name, cron);
  }

  async enqueue(
    name: string,
    payload: Record<string, unknown> = {},
    options: EnqueueOptions = {},
  ): Promise<Job> {
    const definition = this.#definitions.get(name);
    if (!definition) throw new Error(`No job called ${name}`);
    const now = this.clock.now();
    return this.db
      .insertInto("jobs")
      .values({
        name,
        tenant_id: options.tenantId ?? null,
        payload: JSON.stringify(payload),
        run_at: options.runAt ?? now,
        max_attempts: options.maxAttempts ?? definition.maxAttempts ?? 3,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Does everything due now: queues scheduled jobs whose time has come, then runs due jobs. */
  tick(): Promise<number> {
    if (!this.#ticking) {
      this.#ticking = this.#tick().finally(() => {
        this.#ticking = undefined;
      });
    }
    return this.#ticking;
  }

  start(pollMs: number): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.log.error({ err }, "job runner tick failed"));
    }, pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#ticking;
  }

  async recent(limit = 50): Promise<Job[]> {
    return this.db
      .selectFrom("jobs")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }

  async #tick(): Promise<number> {
    await this.#syncSchedules();
    await this.#queueDueSchedules();
    await this.#requeueStale();
    let ran = 0;
    for (;;) {
      const job = await this.#claim();
      if (!job) return ran;
      await this.#run(job);
      ran += 1;
    }
  }

  private nextRun(cron: string, after: Date): Date {
    const next = new Cron(cron, { timezone: "Europe/London", paused: true }).nextRun(after);
    if (!next) throw new Error(`Cron pattern ${cron} never runs`);
    return next;
  }

  async #syncSchedules(): Promise<void> {
    const now = this.clock.now();
    for (const [name, cron] of this.#schedules) {
      await this.db
        .insertInto("job_schedules")
        .values({ name, cron, next_run_at: this.nextRun(cron, now) })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({ cron, next_run_at: this.nextRun(cron, now) })
            .where("job_schedules.cron", "<>", cron),
        )
        .execute();
    }
  }

  async #queueDueSchedules(): Promise<void> {
    const now = this.clock.now();
    const due = await this.db
      .selectFrom("job_schedules")
      .selectAll()
      .where("next_run_at", "<=", now)
      .execute();
    for (const schedule of due) {
      if (!this.#definitions.has(schedule.name)) continue;
      await this.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable("job_schedules")
          .set({ next_run_at: this.nextRun(schedule.cron, now), last_run_at: now })
          .where("name", "=", schedule.name)
          .where("next_run_at", "=", schedule.next_run_at)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return; // another runner took it
        const definition = this.#definitions.get(schedule.name);
        await trx
          .insertInto("jobs")
          .values({
            name: schedule.name,
            payload: JSON.stringify({ scheduledFor: schedule.next_run_at.toISOString() }),
            run_at: now,
            max_attempts: definition?.maxAttempts ?? 3,
            created_at: now,
          })
          .execute();
      });
    }
  }

  async #requeueStale(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_RUNNING_MS);
    await this.db
      .updateTable("jobs")
      .set({ status: "queued" })
      .where("status", "=", "running")
      .where("started_at", "<", cutoff)
      .execute();
  }

  async #claim(): Promise<Job | undefined> {
    const now = this.clock.now();
    const names = [...this.#definitions.keys()];
    if (names.length === 0) return undefined;
    return this.db
      .updateTable("jobs")
      .set((eb) => ({ status: "running", started_at: now, attempts: eb("attempts", "+", 1) }))
      .where(
        "id",
        "=",
        this.db
          .selectFrom("jobs")
          .select("id")
          .where("status", "=", "queued")
          .where("run_at", "<=", now)
          .where("name", "in", names)
          .orderBy("run_at")
          .orderBy("id")
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async #run(job: Job): Promise<void> {
    const definition = this.#definitions.get(job.name);
    if (!definition) return;
    const log = this.log.child({ job: job.name, jobId: job.id });
    const ctx: JobContext = {
      job,
      log,
      progress: async (done, total, note) => {
        await this.db
          .updateTable("jobs")
          .set({ progress: JSON.stringify({ done, total, note: note ?? null }) })
          .where("id", "=", job.id)
          .execute();
      },
    };
    try {
      await definition.run(ctx);
      await this.db
        .updateTable("jobs")
        .set({ status: "succeeded", finished_at: this.clock.now(), last_error: null })
        .where("id", "=", job.id)
        .execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const finalAttempt = job.attempts >= job.max_attempts;
      log.warn({ err, attempts: job.attempts, final: finalAttempt }, "job failed");
      const backoff = (definition.backoffMs ?? defaultBackoff)(job.attempts);
      await this.db
        .updateTable("jobs")
        .set(
          finalAttempt
            ? { status: "failed", finished_at: this.clock.now(), last_error: message }
            : {
                status: "queued",
                run_at: new Date(this.clock.now().getTime() + backoff),
                last_error: message,
              },
        )
        .where("id", "=", job.id)
        .execute();
    }
  }
}
