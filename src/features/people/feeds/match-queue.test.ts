import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedsTestApp, type FeedsTestApp } from "../../../../test/support/feeds-fixture.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { type HrRow, hrCsv } from "./generator.js";

/** Matching rows to people: by HR id, else employee number or SWE number, else the match queue. */
describe("HR feed: matching people", () => {
  let t: FeedsTestApp;
  let alex: string;
  let sam: string;

  const row = (id: string, given: string, family: string, extra: HrRow = {}): HrRow => ({
    "Employee ID": id,
    "First name": given,
    "Last name": family,
    Email: `${given}.${family}@council.example`.toLowerCase(),
    "Start date": "01/09/2019",
    "Team code": "T01",
    "Job role code": "SW",
    "Contract type": "Permanent",
    FTE: "1",
    ...extra,
  });

  const importFile = async (name: string, rows: HrRow[]) => {
    const runId = await t.preview(name, hrCsv(rows));
    const result = await t.app.feeds.importRun(t.ctx, runId, "valid_only");
    return { runId, ...result };
  };

  beforeAll(async () => {
    t = await buildFeedsTestApp({ create_new_people: false, full_extract: false });
    alex = await t.app.people.createPerson(t.ctx, { given_name: "Alex", family_name: "Morgan" });
    sam = await t.app.people.createPerson(t.ctx, {
      given_name: "Sam",
      family_name: "Okafor",
      employee_number: "E900002",
    });
  });
  afterAll(() => t.close());

  it("links someone found by their employee number, so later files find them by HR id", async () => {
    const first = await importFile("one.csv", [row("E900002", "Sam", "Okafor")]);
    expect(first.counts).toMatchObject({ update: 1, unmatched: 0 });
    const view = await t.app.feeds.runView(t.ctx, first.runId);
    expect(view?.changed[0]?.changes).toEqual([
      "Linked to the HR record",
      "Email",
      "Start date",
      "New assignment",
    ]);
    const profile = await t.app.people.profile(t.ctx, sam, { includeEquality: false });
    expect(profile?.sources).toEqual([{ source: "hr", externalId: "E900002" }]);
    expect(profile?.assignments).toHaveLength(1);

    const again = await importFile("two.csv", [row("E900002", "Sam", "Okafor")]);
    expect(again.counts).toMatchObject({ unchanged: 1 });
  });

  it("makes fields the feed owns read-only for people it knows", async () => {
    const profile = await t.app.people.profile(t.ctx, sam, { includeEquality: false });
    expect(profile?.readOnlyFields).toEqual(expect.arrayContaining(["given_name", "family_name", "email"]));
    await expect(t.app.people.updatePerson(t.ctx, sam, { family_name: "Changed" })).rejects.toThrow(
      "This comes from the HR system",
    );
  });

  it("puts a row that matches no one in the match queue, not in the people list", async () => {
    const result = await importFile("three.csv", [
      row("E900001", "Alex", "Morgan"),
      row("E900003", "Jo", "Green"),
    ]);
    expect(result.counts).toMatchObject({ unmatched: 2, create: 0 });
    const queue = await t.app.feeds.matchQueue(t.ctx);
    expect(queue.map((q) => q.external_id).sort()).toEqual(["E900001", "E900003"]);
    const item = await t.app.feeds.matchItem(t.ctx, result.runId, 2);
    expect(item?.candidates.map((c) => c.id)).toEqual([alex]);
  });

  it("remembers a decision: the row is linked to the person picked and their details applied", async () => {
    const queue = await t.app.feeds.matchQueue(t.ctx);
    const entry = queue.find((q) => q.external_id === "E900001");
    await t.app.feeds.decideMatch(t.ctx, entry?.run_id as string, entry?.row_number as number, {
      personId: alex,
    });
    const profile = await t.app.people.profile(t.ctx, alex, { includeEquality: false });
    expect(profile?.sources).toEqual([{ source: "hr", externalId: "E900001" }]);
    expect(profile?.person.employee_number).toBe("E900001");
    expect(profile?.assignments).toHaveLength(1);
    expect((await t.app.feeds.matchQueue(t.ctx)).map((q) => q.external_id)).toEqual(["E900003"]);

    const next = await importFile("four.csv", [
      row("E900001", "Alex", "Morgan"),
      row("E900003", "Jo", "Green"),
    ]);
    expect(next.counts).toMatchObject({ unchanged: 1, unmatched: 1 });
    // One entry per employee id, however many files have brought them.
    expect((await t.app.feeds.matchQueue(t.ctx)).map((q) => q.external_id)).toEqual(["E900003"]);
  });

  it("adds a new person when HR says the row is someone new", async () => {
    const [entry] = await t.app.feeds.matchQueue(t.ctx);
    const personId = await t.app.feeds.decideMatch(
      t.ctx,
      entry?.run_id as string,
      entry?.row_number as number,
      "create",
    );
    const profile = await t.app.people.profile(t.ctx, personId, { includeEquality: false });
    expect(profile?.person).toMatchObject({
      given_name: "Jo",
      family_name: "Green",
      employee_number: "E900003",
    });
    expect(await t.app.feeds.matchQueue(t.ctx)).toEqual([]);
    await expect(
      t.app.feeds.decideMatch(t.ctx, entry?.run_id as string, entry?.row_number as number, "create"),
    ).rejects.toThrow(RuleError);
  });

  it("clears the row data of old files after 90 days, except rows still waiting to be matched", async () => {
    const waiting = await importFile("six.csv", [
      row("E900010", "Pat", "Quinn"),
      row("E900002", "Sam", "Okafor"),
    ]);
    t.clock.advanceDays(91);
    await t.app.feeds.clearOldRowData();
    const rows = await t.database.db
      .selectFrom("feed_run_rows")
      .select(["external_id", "action", "data"])
      .where("run_id", "=", waiting.runId)
      .orderBy("row_number")
      .execute();
    expect(rows.map((r) => [r.external_id, r.action, r.data === null])).toEqual([
      ["E900010", "unmatched", false],
      ["E900002", "unchanged", true],
    ]);
  });

  it("refuses to link a person already linked to another HR id", async () => {
    const result = await importFile("five.csv", [row("E900009", "Alex", "Morgan")]);
    await expect(t.app.feeds.decideMatch(t.ctx, result.runId, 2, { personId: alex })).rejects.toThrow(
      "already linked to employee ID E900001",
    );
  });
});
