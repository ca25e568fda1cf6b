import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateInLondon } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import { OutboxPage } from "./pages/platform-pages.js";
import {
  CaseloadAlertsPage,
  CaseloadPersonPage,
  CaseloadSnapshotPage,
  UploadCaseloadsPage,
} from "./pages/supervision-pages.js";
import { launchBrowser } from "./support/browser.js";
import { mustId, seedManagedTeam } from "./support/practice-seed.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";

/**
 * A caseload upload with one worker over their cap. The Child Protection team's average target is
 * 16 children and an NQSW's cap is 90% of it (14). HR uploads the case management system's file
 * for today: five workers of the team, Nia Newton (an NQSW) holding 18 children, and a row for a
 * worker nobody knows. The snapshot's report shows the rows recorded and the one refused, the
 * alerts list Nia over her cap with her line manager Maya Mensah, Maya's email is in the outbox,
 * and Maya sees the alert herself. Every page is checked with axe as it is verified.
 *
 * Data: test/support/people-fixture.ts, plus in beforeAll the career levels, the team, its
 * manager and members, and the targets.
 */
describe("a caseload upload with a worker over their cap, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let tenantId: string;
  let id: Record<string, string>;
  type Who = "hr" | "manager" | "admin";
  const users: Record<Who, E2eUser> = {
    hr: { id: "", name: "Hana Analyst", role: "hr_workforce_analyst" },
    manager: { id: "", name: "Maya Mensah", role: "line_manager", person: "maya" },
    admin: { id: "", name: "Sam Admin", role: "system_administrator" },
  };
  const MANAGER = "Maya Mensah";
  const MANAGER_EMAIL = "maya.mensah@example.org";
  const NQSW = "Nia Newton";
  const TEAM = "Child Protection";

  /** A date as the pages write it, e.g. "7 December 2025". */
  const longDate = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${iso}T00:00:00Z`));

  const today = dateInLondon(new Date());
  // The case management system's export: Nia (E021) over her cap of 14; E999 is nobody.
  const csv = [
    "worker_id,as_at,children",
    `E021,${today},18`,
    `E022,${today},15`,
    `E023,${today},16`,
    `E024,${today},12`,
    `E025,${today},17`,
    `E999,${today},9`,
  ].join("\n");

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    let ctx: Awaited<ReturnType<typeof seedPeopleFixture>>["ctx"];
    ({ id, ctx } = await seedPeopleFixture(server.app, tenantId));
    const { data } = server.app.platform;
    const must = mustId(id);

    await data.run(ctx, (db) =>
      db
        .insertInto("career_levels")
        .values([
          { code: "nqsw", name: "NQSW (ASYE)", sort_order: 1 },
          { code: "sw", name: "Social Worker", sort_order: 2 },
        ])
        .execute(),
    );
    await seedManagedTeam(server.app, ctx, id, {
      name: TEAM,
      members: [
        ["nia", "Nia", "Newton", "E021", "nqsw"],
        ["priya", "Priya", "Patel", "E022", "sw"],
        ["quinn", "Quinn", "Quarrie", "E023", "sw"],
        ["rosa", "Rosa", "Reid", "E024", "sw"],
        ["sami", "Sami", "Shah", "E025", "sw"],
      ],
    });

    // The team's average target (16 children) and the NQSW cap (90% of the team's target: 14).
    await data.run(ctx, (db) =>
      db
        .insertInto("caseload_targets")
        .values([
          {
            kind: "team_average",
            org_unit_id: must("T3"),
            children: 16,
            valid_from: "2023-01-01",
            created_by: "system:e2e",
          },
          {
            kind: "individual_cap",
            career_level: "nqsw",
            percent_of_team: 90,
            valid_from: "2023-01-01",
            created_by: "system:e2e",
          },
        ])
        .execute(),
    );
    await createUsers(server, tenantId, users, id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function pageAs(who: Who): Promise<Page> {
    return pageAsUser(browser, server, tenantId, users[who], id);
  }

  it("HR uploads the case management system's file: the report shows the rows and the alert", async () => {
    const hr = await pageAs("hr");
    const upload = await UploadCaseloadsPage.visit(hr, "/caseloads/upload");
    await upload.file.setInputFiles({
      name: "caseloads.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await upload.screenshot("caseloads-upload");
    await upload.upload.click();

    const snapshot = await CaseloadSnapshotPage.verifyOnPage(hr);
    expect(await text(snapshot.heading)).toBe(`Snapshot as at ${longDate(today)}`);
    expect(await snapshot.notification.count()).toBe(1);
    expect(await text(snapshot.notification)).toContain("Caseloads uploaded");
    expect(await text(snapshot.summary("File"))).toBe("caseloads.csv");
    expect(await text(snapshot.summary("Rows in the file"))).toBe("6");
    expect(await text(snapshot.summary("Workers recorded"))).toBe("5");
    expect(await text(snapshot.summary("Rows refused"))).toBe("1");
    expect(await text(snapshot.summary("Workers over their cap"))).toBe("1");
    expect(await snapshot.refused.count()).toBe(1);
    expect(await texts(snapshot.refused.first().locator("td"))).toEqual(["7", "No worker with the id E999"]);
    await snapshot.screenshot("caseloads-snapshot");

    await snapshot.alertsLink.click();
    const alerts = await CaseloadAlertsPage.verifyOnPage(hr);
    expect(await alerts.alerts.count()).toBe(1);
    expect(await texts(alerts.alert(NQSW).locator("td"))).toEqual([
      NQSW,
      longDate(today),
      "18",
      "14",
      MANAGER,
    ]);
    await alerts.screenshot("caseloads-alerts");

    await alerts.alert(NQSW).getByRole("link", { name: NQSW }).click();
    const person = new CaseloadPersonPage(hr, NQSW);
    await person.verify();
    expect(await text(person.cap)).toBe("Their cap is 14 children.");
    expect(await text(person.history.first())).toContain("18");
    await person.screenshot("caseloads-person");
  });

  it("the line manager's email is in the outbox", async () => {
    const subject = `Caseloads over their cap as at ${longDate(today)}`;
    // Exactly one email, to Maya
    const messages = await server.app.platform.data.run({ tenantId, actor: { id: "system:e2e" } }, (db) =>
      db.selectFrom("outbox_messages").select(["to_address", "subject", "body"]).execute(),
    );
    const alertsSent = messages.filter((m) => m.subject.startsWith("Caseloads over their cap"));
    expect(alertsSent.map((m) => m.to_address)).toEqual([MANAGER_EMAIL]);

    const admin = await pageAs("admin");
    const outbox = await OutboxPage.visit(admin, "/system/outbox");
    const card = outbox.cards.filter({ has: admin.locator("h2", { hasText: subject }) });
    expect(await card.count()).toBe(1);
    expect(await text(card)).toContain(MANAGER_EMAIL);
    expect(await text(card)).toContain(`${NQSW}: 18 children (cap 14)`);
    await outbox.screenshot("caseloads-outbox");
  });

  it("the line manager sees the alert for her team", async () => {
    const maya = await pageAs("manager");
    const alerts = await CaseloadAlertsPage.visit(maya, "/caseloads/alerts");
    expect(await alerts.alerts.count()).toBe(1);
    expect(await text(alerts.alert(NQSW))).toContain("18");
    await alerts.screenshot("caseloads-alerts-manager");
  });
});
