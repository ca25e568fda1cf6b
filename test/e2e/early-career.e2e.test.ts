import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateInLondon } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import {
  CohortFormPage,
  CohortPage,
  CohortsPage,
  EarlyCareerHomePage,
  EnrolFormPage,
  EnrolmentPage,
  EvidenceFormPage,
  EvidencePage,
  MilestonePage,
  OutcomePage,
  PanelPage,
  PortfolioPage,
  ProgrammesPage,
  ProgressionPage,
  SignOffPage,
  SubmitPortfolioPage,
} from "./pages/early-career-pages.js";
import { launchBrowser } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";

/**
 * The ASYE from enrolment to the HR action. The ASYE co-ordinator adds the shipped programmes,
 * makes a cohort and enrols Nina Newman, a newly qualified social worker in Assessment, from the
 * 7th of the month 13 months ago (so every milestone is due by today) with Alice Adams, a
 * registered social worker, as her assessor; the milestones show their due dates. Alice records
 * the 3-month review and three direct observations; Nina adds a critical reflection and the two
 * kinds of feedback the minimum evidence asks for, and submits the portfolio; Alice records the
 * final review and signs the portfolio off; the co-ordinator records the panel's endorsement and
 * the pass, which raises the HR action; HR sees Nina's move from NQSW to Social Worker waiting.
 * Every page is checked with axe as it is verified.
 *
 * The steps run in order and share the enrolment (one `it` per person's turn, each within the
 * e2e project's time limit). Data: test/support/people-fixture.ts, plus in beforeAll the career
 * levels (the fixture has none) and Nina, whose social work assignment is at career level NQSW.
 */
describe("the ASYE, from enrolment to the HR action, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let tenantId: string;
  let id: Record<string, string>;
  type Who = "coordinator" | "assessor" | "nqsw" | "hr";
  const users: Record<Who, E2eUser> = {
    coordinator: { id: "", name: "Cora Coordinator", role: "asye_coordinator" },
    assessor: { id: "", name: "Alice Adams", role: "assessor", person: "alice" },
    nqsw: { id: "", name: "Nina Newman", role: "practitioner", person: "nina" },
    hr: { id: "", name: "Hana Analyst", role: "hr_workforce_analyst" },
  };
  const NQSW = "Nina Newman";
  const ASSESSOR = "Alice Adams";
  const COHORT = "E2E intake";
  const ASYE = "Assessed and Supported Year in Employment";

  /** An ISO date `months` calendar months after `iso` (day of month kept: only used with day 7). */
  const plusMonths = (iso: string, months: number) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  };
  /** A date as the pages write it, e.g. "7 December 2025". */
  const longDate = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${iso}T00:00:00Z`));

  // The real clock: today is the real date. The programme started on the 7th of the month 13
  // months ago, so the 3-month review and the final review (12 months) were both due before today.
  const today = dateInLondon(new Date());
  const startOn = plusMonths(`${today.slice(0, 7)}-07`, -13);
  const registeredOn = plusMonths(startOn, -2);
  const threeMonthsOn = plusMonths(startOn, 3);
  const finalOn = plusMonths(startOn, 12);
  let enrolmentHref = "";

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    let ctx: Awaited<ReturnType<typeof seedPeopleFixture>>["ctx"];
    ({ id, ctx } = await seedPeopleFixture(server.app, tenantId));
    // Career levels, lowest first: a pass moves the NQSW to the one after theirs.
    await server.app.platform.data.run(ctx, (db) =>
      db
        .insertInto("career_levels")
        .values([
          { code: "nqsw", name: "NQSW (ASYE)", sort_order: 1 },
          { code: "sw", name: "Social Worker", sort_order: 2 },
          { code: "esw", name: "Experienced Social Worker", sort_order: 3 },
        ])
        .execute(),
    );
    // The NQSW: registered with Social Work England two months before starting as a social worker
    // in Assessment, at career level NQSW.
    id.nina = await server.app.people.createPerson(
      ctx,
      {
        given_name: "Nina",
        family_name: "Newman",
        email: "nina.newman@example.org",
        employee_number: "E010",
        swe_number: "SW2010",
        swe_status: "registered",
        swe_first_registered_on: registeredOn,
        started_on: startOn,
      },
      {
        org_unit_id: id.T1 as string,
        job_role_id: id.SW as string,
        career_level: "nqsw",
        contract_type: "permanent",
        fte: 1,
        valid_from: startOn,
      },
    );
    await createUsers(server, tenantId, users, id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `who`, with their role across the council and their person record. */
  function pageAs(who: Who): Promise<Page> {
    return pageAsUser(browser, server, tenantId, users[who], id);
  }

  /** From the assessor's or co-ordinator's portfolio page: a direct observation, back on the portfolio. */
  async function recordObservation(
    page: Page,
    o: { title: string; on: string; observer: string; standards: string[] },
  ): Promise<PortfolioPage> {
    await new PortfolioPage(page).recordObservation.click();
    const form = await EvidenceFormPage.verifyOnPage(page);
    expect(await text(form.heading)).toBe("Record a direct observation");
    expect(await form.kind("Direct observation").isChecked()).toBe(true);
    await form.title.fill(o.title);
    await form.on(o.on);
    await form.observer.fill(o.observer);
    await form.summary.fill(
      "Observed a home visit: explained the plan to the family and checked understanding",
    );
    for (const code of o.standards) await form.standard(code).check();
    await form.save.click();
    const item = new EvidencePage(page, o.title);
    await item.verify();
    expect(await text(item.notification)).toContain("Evidence added");
    expect(await text(item.summary("Observer"))).toBe(o.observer);
    await item.backToPortfolio.click();
    return PortfolioPage.verifyOnPage(page);
  }

  /** From the NQSW's portfolio page: an item of evidence of `kind`, back on the portfolio. */
  async function addEvidence(
    page: Page,
    e: { kind: string; title: string; on: string; summary: string; standards: string[] },
  ): Promise<PortfolioPage> {
    await new PortfolioPage(page).addEvidence.click();
    const form = await EvidenceFormPage.verifyOnPage(page);
    // Direct observations are the assessor's to record.
    expect(await form.kind("Direct observation").count()).toBe(0);
    await form.kind(e.kind).check();
    await form.title.fill(e.title);
    await form.on(e.on);
    await form.summary.fill(e.summary);
    for (const code of e.standards) await form.standard(code).check();
    await form.save.click();
    const item = new EvidencePage(page, e.title);
    await item.verify();
    expect(await text(item.notification)).toContain("Evidence added");
    await item.backToPortfolio.click();
    return PortfolioPage.verifyOnPage(page);
  }

  it("the co-ordinator adds the programmes, makes a cohort and enrols the NQSW; the milestones have dates", async () => {
    const coordinator = await pageAs("coordinator");

    // The shipped programmes: the ASYE and the ECDP
    let programmes = await ProgrammesPage.visit(coordinator, "/early-career/programmes");
    await programmes.addShipped.click();
    programmes = await ProgrammesPage.verifyOnPage(coordinator);
    expect(await text(programmes.notification)).toContain("Added 2 programmes");
    expect(await programmes.rows.count()).toBe(2);
    expect(await text(programmes.rows.filter({ hasText: ASYE }))).toContain("12 months");
    await programmes.screenshot("early-career-programmes");

    // A cohort on the ASYE
    const cohorts = await CohortsPage.visit(coordinator, "/early-career/cohorts");
    await cohorts.addCohort.click();
    const cohortForm = await CohortFormPage.verifyOnPage(coordinator);
    await cohortForm.programme(ASYE).check();
    await cohortForm.name.fill(COHORT);
    await cohortForm.intakeOn(startOn);
    await cohortForm.save.click();
    let cohort = new CohortPage(coordinator, COHORT);
    await cohort.verify();
    expect(await text(cohort.notification)).toContain(`Cohort ${COHORT} added`);

    // Enrol the NQSW, with Alice as her assessor
    await cohort.enrol.click();
    const enrol = await EnrolFormPage.verifyOnPage(coordinator);
    // The newly qualified social worker comes first, marked as such
    const firstPerson = enrol.person.locator("option").nth(1);
    expect(await text(firstPerson)).toMatch(/^Nina Newman \(E010\), Social worker, Assessment \(NQSW\)$/);
    await enrol.choosePerson(NQSW);
    await enrol.route("University").check();
    await enrol.registeredOn(registeredOn);
    await enrol.startOn(startOn);
    await enrol.fte.fill("1");
    await enrol.chooseAssessor(ASSESSOR);
    await enrol.screenshot("early-career-enrol-form");
    await enrol.save.click();

    const enrolment = new EnrolmentPage(coordinator, NQSW);
    await enrolment.verify();
    enrolmentHref = new URL(coordinator.url()).pathname;
    expect(enrolmentHref).toMatch(/^\/early-career\/enrolments\/[0-9a-f-]{36}$/);
    expect(await text(enrolment.notification)).toContain(`${NQSW} enrolled on ${COHORT}`);
    expect(await text(enrolment.summary("Start date"))).toBe(longDate(startOn));
    expect(await text(enrolment.summary("Planned end"))).toBe(longDate(finalOn));
    expect(await text(enrolment.summary("Assessor"))).toBe(ASSESSOR);

    // The milestones, with their due dates: start + 3 months for the 3-month review
    expect(await texts(enrolment.milestones.locator("th"))).toEqual([
      "Support and assessment agreement",
      "3-month review",
      "6-month review",
      "9-month review (optional)",
      "Portfolio submission",
      "Final review",
      "Internal moderation panel",
    ]);
    expect(await text(enrolment.due("3-month review"))).toBe(longDate(threeMonthsOn));
    expect(await text(enrolment.due("6-month review"))).toBe(longDate(plusMonths(startOn, 6)));
    expect(await text(enrolment.due("Final review"))).toBe(longDate(finalOn));
    expect(await text(enrolment.status("3-month review"))).toBe("Overdue");
    await enrolment.screenshot("early-career-enrolment");

    // The cohort lists her, with her assessor
    await CohortsPage.visit(coordinator, "/early-career/cohorts");
    await new CohortsPage(coordinator).cohortLink(COHORT).click();
    cohort = new CohortPage(coordinator, COHORT);
    await cohort.verify();
    expect(await text(cohort.member(NQSW))).toContain(ASSESSOR);
    await cohort.screenshot("early-career-cohort");
  });

  it("the assessor records the 3-month review and three direct observations", async () => {
    expect(enrolmentHref).not.toBe("");
    const alice = await pageAs("assessor");

    // From her early career page to the NQSW she assesses
    const home = await EarlyCareerHomePage.visit(alice, "/early-career");
    expect(await text(home.supported(NQSW))).toContain("Assessor");
    await home.supportedLink(NQSW).click();
    let enrolment = new EnrolmentPage(alice, NQSW);
    await enrolment.verify();

    // The 3-month review, held on its due date
    await enrolment.milestoneLink("3-month review").click();
    let review = new MilestonePage(alice, "3-month review");
    await review.verify();
    expect(await text(review.summary("Due"))).toBe(longDate(threeMonthsOn));
    await review.heldOn(threeMonthsOn);
    await review.judgement("On track").check();
    await review.evidenceSeen.fill("Two supervision records, a home visit observation and a reflective log");
    await review.actionPlan.fill(
      "Keep the protected caseload; a second direct observation before the 6-month review",
    );
    await review.screenshot("early-career-review-form");
    await review.save.click();
    review = new MilestonePage(alice, "3-month review");
    await review.verify();
    expect(await text(review.notification)).toContain("Review recorded");
    expect(await text(review.summary("Status"))).toBe(`Completed on ${longDate(threeMonthsOn)}`);
    expect(await text(review.summary("Assessor's judgement"))).toBe("On track");
    await review.screenshot("early-career-review");

    await review.backToProgramme.click();
    enrolment = new EnrolmentPage(alice, NQSW);
    await enrolment.verify();
    expect(await text(enrolment.status("3-month review"))).toBe(`Completed on ${longDate(threeMonthsOn)}`);

    // Three direct observations in the portfolio
    await enrolment.portfolio.click();
    let portfolio = await PortfolioPage.verifyOnPage(alice);
    expect(await text(portfolio.minimum("Direct observations"))).toBe("Direct observations 0 of 3 Not met");
    const observations = [
      { title: "Observation 1: home visit", on: plusMonths(startOn, 2), standards: ["PCF-1", "KSS-1"] },
      {
        title: "Observation 2: child protection conference",
        on: plusMonths(startOn, 5),
        standards: ["PCF-5"],
      },
      {
        title: "Observation 3: direct work with a child",
        on: plusMonths(startOn, 8),
        standards: ["PCF-7", "KSS-2"],
      },
    ];
    for (const o of observations) portfolio = await recordObservation(alice, { ...o, observer: ASSESSOR });
    expect(await text(portfolio.minimum("Direct observations"))).toBe("Direct observations 3 of 3 Met");
    expect(await portfolio.evidence.count()).toBe(3);
    for (const o of observations)
      expect(await text(portfolio.evidenceRow(o.title))).toContain("Direct observation");
    expect(await text(portfolio.coverage)).toMatch(/^5 of 19 standards have evidence\./);
    await portfolio.screenshot("early-career-portfolio-observations");
  });

  it("the NQSW adds a critical reflection and feedback, and submits her portfolio", async () => {
    expect(enrolmentHref).not.toBe("");
    const nina = await pageAs("nqsw");

    const home = await EarlyCareerHomePage.visit(nina, "/early-career");
    await home.screenshot("early-career-home-nqsw");
    await home.yourPortfolio.click();
    let portfolio = await PortfolioPage.verifyOnPage(nina);
    expect(await text(portfolio.minimum("Critical reflections"))).toBe("Critical reflections 0 of 1 Not met");

    const reflection = "Reflection on a strategy meeting";
    portfolio = await addEvidence(nina, {
      kind: "Critical reflection",
      title: reflection,
      on: plusMonths(startOn, 6),
      summary: "What I brought to the meeting, what I missed about the father's view, and what I do now",
      standards: ["PCF-6"],
    });
    expect(await text(portfolio.evidenceRow(reflection))).toContain("Critical reflection");
    expect(await text(portfolio.evidenceRow(reflection))).toContain("PCF-6");
    expect(await text(portfolio.minimum("Critical reflections"))).toBe("Critical reflections 1 of 1 Met");

    // The rest of the minimum evidence: feedback from a family and from a professional
    portfolio = await addEvidence(nina, {
      kind: "Feedback from people who use services",
      title: "Feedback from the Ahmed family",
      on: plusMonths(startOn, 7),
      summary: "The family said they understood the plan and felt listened to",
      standards: ["PCF-2"],
    });
    portfolio = await addEvidence(nina, {
      kind: "Feedback from professionals",
      title: "Feedback from the school's safeguarding lead",
      on: plusMonths(startOn, 9),
      summary: "Clear, timely referrals and good joint working",
      standards: ["KSS-3"],
    });
    expect(await portfolio.evidence.count()).toBe(6);
    expect(await texts(portfolio.minimumEvidence)).toEqual([
      "Direct observations 3 of 3 Met",
      "Critical reflections 1 of 1 Met",
      "Feedback from people who use services 1 of 1 Met",
      "Feedback from professionals 1 of 1 Met",
    ]);
    await portfolio.screenshot("early-career-portfolio-nqsw");

    // Submitted: it completes the portfolio milestone
    await portfolio.submit.click();
    const submit = await SubmitPortfolioPage.verifyOnPage(nina);
    expect(await submit.warning.count()).toBe(0);
    await submit.submit.click();
    portfolio = await PortfolioPage.verifyOnPage(nina);
    expect(await text(portfolio.notification)).toContain("Portfolio submitted");
    expect(await text(portfolio.state("Submitted"))).toBe(longDate(today));
  });

  it("the assessor records the final review and signs the portfolio off", async () => {
    expect(enrolmentHref).not.toBe("");
    const alice = await pageAs("assessor");

    const home = await EarlyCareerHomePage.visit(alice, "/early-career");
    await home.supportedLink(NQSW).click();
    let enrolment = new EnrolmentPage(alice, NQSW);
    await enrolment.verify();
    expect(await text(enrolment.status("Portfolio submission"))).toBe(`Completed on ${longDate(today)}`);

    // The final review, held today (it fell due on the 12-month date)
    await enrolment.milestoneLink("Final review").click();
    let review = new MilestonePage(alice, "Final review");
    await review.verify();
    expect(await text(review.summary("Due"))).toBe(longDate(finalOn));
    await review.heldOn(today);
    await review.judgement("On track").check();
    await review.evidenceSeen.fill(
      "The portfolio: three direct observations, a critical reflection and feedback",
    );
    await review.save.click();
    review = new MilestonePage(alice, "Final review");
    await review.verify();
    expect(await text(review.notification)).toContain("Review recorded");
    expect(await text(review.summary("Status"))).toBe(`Completed on ${longDate(today)}`);
    expect(await text(review.summary("Action plan"))).toBe("None needed");

    // The sign-off, recommending a pass
    await review.backToProgramme.click();
    enrolment = new EnrolmentPage(alice, NQSW);
    await enrolment.verify();
    await enrolment.portfolio.click();
    let portfolio = await PortfolioPage.verifyOnPage(alice);
    await portfolio.signOff.click();
    const signOff = await SignOffPage.verifyOnPage(alice);
    await signOff.recommendation("Pass").check();
    await signOff.signedOffOn(today);
    await signOff.signOff.click();
    portfolio = await PortfolioPage.verifyOnPage(alice);
    expect(await text(portfolio.notification)).toContain("Portfolio signed off");
    expect(await text(portfolio.state("Signed off by the assessor"))).toBe(
      `${longDate(today)}: recommends pass`,
    );
  });

  it("the co-ordinator records the panel's endorsement and the pass, which raises the HR action", async () => {
    expect(enrolmentHref).not.toBe("");
    const coordinator = await pageAs("coordinator");

    // From the cohort to the NQSW's portfolio
    const cohorts = await CohortsPage.visit(coordinator, "/early-career/cohorts");
    await cohorts.cohortLink(COHORT).click();
    const cohort = new CohortPage(coordinator, COHORT);
    await cohort.verify();
    await cohort.member(NQSW).getByRole("link", { name: NQSW }).click();
    let enrolment = new EnrolmentPage(coordinator, NQSW);
    await enrolment.verify();
    await enrolment.portfolio.click();
    let portfolio = await PortfolioPage.verifyOnPage(coordinator);

    // The internal moderation panel endorses it
    await portfolio.recordPanel.click();
    const panel = await PanelPage.verifyOnPage(coordinator);
    expect(new URL(coordinator.url()).pathname).toBe(`${enrolmentHref}/portfolio/panel`);
    await panel.panelOn(today);
    await panel.decision("Endorsed").check();
    await panel.notes.fill("The panel agrees with the assessor's recommendation");
    await panel.screenshot("early-career-panel");
    await panel.save.click();
    portfolio = await PortfolioPage.verifyOnPage(coordinator);
    expect(await text(portfolio.notification)).toContain("Panel decision recorded");
    expect(await text(portfolio.state("Internal moderation panel"))).toBe(`${longDate(today)}: endorsed`);

    // The pass
    await portfolio.backToProgramme.click();
    enrolment = new EnrolmentPage(coordinator, NQSW);
    await enrolment.verify();
    expect(await text(enrolment.status("Internal moderation panel"))).toBe(`Completed on ${longDate(today)}`);
    await enrolment.outcome.click();
    let outcome = await OutcomePage.verifyOnPage(coordinator);
    expect(new URL(coordinator.url()).pathname).toBe(`${enrolmentHref}/outcome`);
    expect(await text(outcome.summary("Final review"))).toBe(`Held on ${longDate(today)}: on track`);
    expect(await text(outcome.summary("Internal panel"))).toBe(`Endorsed on ${longDate(today)}`);
    await outcome.result("Pass").check();
    await outcome.outcomeOn(today);
    await outcome.record.click();
    outcome = await OutcomePage.verifyOnPage(coordinator);
    expect(await text(outcome.notification)).toContain(
      "Pass recorded: HR has been asked to move them to the next career level",
    );
    expect(await text(outcome.summary("Status"))).toBe(`Passed on ${longDate(today)}`);
    expect(await text(outcome.careerLevel)).toBe(
      `HR has been asked to move ${NQSW} to Social Worker, from ${longDate(today)}. Not yet confirmed by HR.`,
    );
    await outcome.screenshot("early-career-outcome-pass");
  });

  it("HR sees the move to the next career level waiting", async () => {
    const hr = await pageAs("hr");
    const home = await EarlyCareerHomePage.visit(hr, "/early-career");
    await home.progression.click();
    const progression = await ProgressionPage.verifyOnPage(hr);
    expect(await text(progression.waitingCaption)).toBe("Waiting for HR (1)");
    const row = progression.waiting(NQSW);
    expect(await row.getByRole("link", { name: NQSW }).count()).toBe(1);
    expect(await text(row.locator("td").first().locator(".govuk-hint"))).toBe("E010");
    expect(await texts(row.locator("td").filter({ hasNot: hr.getByRole("link") }))).toEqual([
      "NQSW (ASYE)",
      "Social Worker",
      "Not given",
      longDate(today),
    ]);
    await progression.screenshot("early-career-progression");
  });
});
