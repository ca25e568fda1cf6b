import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { FileStore, StoredFile } from "../../../platform/files/file-store.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { EvidenceKind, PanelDecision } from "../schema.js";
import {
  type CoverageSummary,
  coverageByEnrolment,
  type EvidenceCoverage,
  evidenceCoverage,
} from "./coverage.js";
import * as repo from "./portfolio.repository.js";
import { evidenceKindPlurals } from "./reference.js";
import { type Adder, closedReason, kindsFor } from "./rules.js";

export type { EvidenceItem, PortfolioState } from "./portfolio.repository.js";

/** An evidence item as it is given (the file aside). */
export interface EvidenceInput {
  kind: EvidenceKind;
  title: string;
  occurredOn: IsoDate;
  summary: string | null;
  observerName: string | null;
  standards: string[];
  learningRecordId: string | null;
}

/** A file given with an item. */
export interface EvidenceFileInput {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Who is adding or changing evidence. */
export interface EvidenceActor {
  adder: Adder;
  personId: string | null;
}

export interface PanelInput {
  on: IsoDate;
  decision: PanelDecision;
  notes: string | null;
  sampled: boolean;
  moderationOutcome: string | null;
}

/** The portfolio page's facts: where it stands, its evidence and their coverage. */
export interface Portfolio {
  state: repo.PortfolioState;
  evidence: repo.EvidenceItem[];
  coverage: EvidenceCoverage;
}

/**
 * The early career portfolio: evidence items tagged to the template version's standards, the
 * coverage they give, the NQSW's submission, the assessor's sign-off and the internal panel's
 * decision with the regional moderation sample. Who the viewer is to the enrolment is the pages'
 * business (reachEnrolment); these check the facts and the rules.
 */
export class EarlyCareerPortfolioService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly files: FileStore,
  ) {}

  get maxFileBytes(): number {
    return this.files.maxBytes;
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async portfolio(ctx: TenantContext, enrolmentId: string): Promise<Portfolio | null> {
    return this.data.run(ctx, async (db) => this.#portfolio(db, enrolmentId));
  }

  /** Evidence coverage in short for a list of enrolments (the dashboard, lists of NQSWs). */
  async coverageByEnrolment(
    ctx: TenantContext,
    enrolmentIds: string[],
  ): Promise<Map<string, CoverageSummary>> {
    return this.data.run(ctx, (db) => coverageByEnrolment(db, enrolmentIds));
  }

  async evidence(ctx: TenantContext, enrolmentId: string, evidenceId: string) {
    return this.data.run(ctx, async (db) => (await repo.findEvidence(db, enrolmentId, evidenceId)) ?? null);
  }

  /** The NQSW's completed learning, to link training evidence to. */
  async learningRecords(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) => repo.learningRecordsOf(db, personId));
  }

  async add(
    ctx: TenantContext,
    enrolmentId: string,
    actor: EvidenceActor,
    input: EvidenceInput,
    file: EvidenceFileInput | null,
  ): Promise<string> {
    if (file) this.files.check(file);
    return this.data.run(ctx, async (db) => {
      const state = await this.#openState(db, enrolmentId, actor.adder);
      const values = await this.#values(db, state, actor.adder, input);
      const storedFileId = file ? await this.files.save(db, { ...file, uploadedBy: ctx.actor.id }) : null;
      return repo.insertEvidence(db, enrolmentId, values, {
        addedAs: actor.adder,
        personId: actor.personId,
        createdBy: ctx.actor.id,
        storedFileId,
      });
    });
  }

  /** Changes an item; a new file replaces the old one, `removeFile` takes it away. */
  async update(
    ctx: TenantContext,
    enrolmentId: string,
    evidenceId: string,
    actor: EvidenceActor,
    input: EvidenceInput,
    file: EvidenceFileInput | null,
    removeFile: boolean,
  ): Promise<void> {
    if (file) this.files.check(file);
    await this.data.run(ctx, async (db) => {
      const item = await repo.findEvidence(db, enrolmentId, evidenceId);
      if (!item) throw new RuleError("title", "There is no such evidence");
      const state = await this.#openState(db, enrolmentId, actor.adder);
      const values = await this.#values(db, state, actor.adder, input);
      let storedFileId = item.storedFileId;
      if (item.storedFileId && (file || removeFile)) {
        await repo.deleteStoredFile(db, item.storedFileId);
        storedFileId = null;
      }
      if (file) storedFileId = await this.files.save(db, { ...file, uploadedBy: ctx.actor.id });
      await repo.updateEvidence(db, evidenceId, { ...values, stored_file_id: storedFileId });
    });
  }

  /** Removes an item and its file. */
  async remove(
    ctx: TenantContext,
    enrolmentId: string,
    evidenceId: string,
    actor: EvidenceActor,
  ): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const item = await repo.findEvidence(db, enrolmentId, evidenceId);
      if (!item) throw new RuleError("evidence", "There is no such evidence");
      await this.#openState(db, enrolmentId, actor.adder, "evidence");
      await repo.deleteEvidence(db, evidenceId);
      if (item.storedFileId) await repo.deleteStoredFile(db, item.storedFileId);
    });
  }

  /** An item's file, for download; null if it has none. */
  async evidenceFile(
    ctx: TenantContext,
    enrolmentId: string,
    evidenceId: string,
  ): Promise<StoredFile | null> {
    return this.data.run(ctx, async (db) => {
      const item = await repo.findEvidence(db, enrolmentId, evidenceId);
      if (!item?.storedFileId) return null;
      return this.files.get(db, item.storedFileId);
    });
  }

  /**
   * The NQSW submits the portfolio: refused until it holds the minimum evidence by kind; completes
   * the milestone of kind "portfolio".
   */
  async submit(ctx: TenantContext, enrolmentId: string): Promise<void> {
    const today = this.today();
    await this.data.run(ctx, async (db) => {
      const portfolio = await this.#portfolio(db, enrolmentId);
      if (!portfolio) throw new RuleError("submit", "There is no such programme");
      const { state, coverage } = portfolio;
      if (state.status !== "active") throw new RuleError("submit", "The programme has ended");
      if (state.submittedOn) throw new RuleError("submit", "The portfolio has already been submitted");
      const short = coverage.kinds.filter((k) => !k.met);
      if (short.length > 0) {
        const missing = short
          .map((k) => `${evidenceKindPlurals[k.kind]} ${k.have} of ${k.required}`)
          .join("; ");
        throw new RuleError("submit", `The portfolio does not have the minimum evidence yet: ${missing}`);
      }
      await repo.setSubmitted(db, enrolmentId, today);
      await repo.completeMilestones(db, enrolmentId, "portfolio", today);
    });
  }

  /** The assessor signs off a submitted portfolio with a recommendation (until the panel decides). */
  async signOff(
    ctx: TenantContext,
    enrolmentId: string,
    input: { on: IsoDate; recommendation: "pass" | "fail" },
  ): Promise<void> {
    if (input.on > this.today())
      throw new RuleError("signed_off_on-day", "The date must be today or in the past");
    await this.data.run(ctx, async (db) => {
      const state = await repo.portfolioState(db, enrolmentId);
      if (!state) throw new RuleError("recommendation", "There is no such programme");
      if (state.status !== "active") throw new RuleError("recommendation", "The programme has ended");
      if (!state.submittedOn) {
        throw new RuleError("recommendation", "The NQSW has not submitted the portfolio yet");
      }
      if (state.panelDecision === "endorsed" || state.panelDecision === "not_endorsed") {
        throw new RuleError("recommendation", "The panel has decided, so the sign-off cannot change");
      }
      if (input.on < state.submittedOn) {
        throw new RuleError(
          "signed_off_on-day",
          "The date must be on or after the day the portfolio was submitted",
        );
      }
      await repo.setSignOff(db, enrolmentId, input);
    });
  }

  /**
   * The internal moderation panel's decision and the regional moderation sample. Endorsed or not
   * endorsed completes the milestone of kind "panel"; deferred leaves it open.
   */
  async recordPanel(ctx: TenantContext, enrolmentId: string, input: PanelInput): Promise<void> {
    if (input.on > this.today())
      throw new RuleError("panel_on-day", "The panel date must be today or in the past");
    if (!input.sampled && input.moderationOutcome) {
      throw new RuleError(
        "moderation_outcome",
        "Only a portfolio selected for regional moderation has its outcome",
      );
    }
    await this.data.run(ctx, async (db) => {
      const state = await repo.portfolioState(db, enrolmentId);
      if (!state) throw new RuleError("decision", "There is no such programme");
      if (!state.signedOffOn)
        throw new RuleError("decision", "The assessor has not signed off the portfolio yet");
      if (input.on < state.signedOffOn) {
        throw new RuleError("panel_on-day", "The panel date must be on or after the assessor's sign-off");
      }
      await repo.setPanel(db, enrolmentId, input);
      if (input.decision === "deferred") await repo.reopenMilestones(db, enrolmentId, "panel");
      else await repo.completeMilestones(db, enrolmentId, "panel", input.on);
    });
  }

  async #portfolio(db: TenantDb, enrolmentId: string): Promise<Portfolio | null> {
    const state = await repo.portfolioState(db, enrolmentId);
    if (!state) return null;
    const evidence = await repo.evidenceOf(db, enrolmentId);
    return { state, evidence, coverage: evidenceCoverage(state.standards, state.minimum, evidence) };
  }

  async #openState(db: TenantDb, enrolmentId: string, adder: Adder, field = "title") {
    const state = await repo.portfolioState(db, enrolmentId);
    if (!state) throw new RuleError(field, "There is no such programme");
    const closed = closedReason(adder, state);
    if (closed) throw new RuleError(field, closed);
    return state;
  }

  async #values(
    db: TenantDb,
    state: repo.PortfolioState,
    adder: Adder,
    input: EvidenceInput,
  ): Promise<repo.EvidenceValues> {
    if (!kindsFor(adder).includes(input.kind)) {
      throw new RuleError("kind", "Direct observations are recorded by the assessor");
    }
    if (input.occurredOn > this.today()) {
      throw new RuleError("occurred_on-day", "The date must be today or in the past");
    }
    const codes = new Set(state.standards.map((s) => s.code));
    if (input.standards.length === 0)
      throw new RuleError("standards", "Select at least one standard it evidences");
    if (input.standards.some((c) => !codes.has(c))) {
      throw new RuleError("standards", "Select standards from the programme's list");
    }
    if (input.kind === "observation" && !input.observerName) {
      throw new RuleError("observer_name", "Enter the name of the observer");
    }
    if (
      input.learningRecordId &&
      !(await repo.learningRecordOf(db, state.personId, input.learningRecordId))
    ) {
      throw new RuleError("learning_record_id", "Select learning from the NQSW's learning record");
    }
    return {
      kind: input.kind,
      title: input.title,
      occurred_on: input.occurredOn,
      summary: input.summary,
      observer_name: input.kind === "observation" ? input.observerName : null,
      // In the version's order, each once.
      standards: state.standards.map((s) => s.code).filter((c) => input.standards.includes(c)),
      learning_record_id: input.learningRecordId,
    };
  }
}
