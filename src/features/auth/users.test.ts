import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { formPost } from "../../../test/support/forms.js";
import { html, text } from "../../../test/support/html.js";
import { seedPeopleFixture } from "../../../test/support/people-fixture.js";

/** Users and roles, managed by a system administrator; changes hold at once. */
describe("user administration", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let admin: string;
  const ADMIN_ID = "00000000-0000-4000-8000-0000000000ad";

  beforeAll(async () => {
    t = await buildTestApp();
    ({ id } = await seedPeopleFixture(t.app, t.tenantId));
    admin = await t.signIn({ userId: ADMIN_ID, roles: [{ role: "system_administrator", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = admin) => t.app.inject({ url, headers: { cookie } });
  const userIdFrom = (location: unknown) => String(location).split("/").pop() ?? "";

  it("adds a user linked to their person record, with a role on a unit, and emails a set-password link", async () => {
    const bad = await formPost(t.app, "/admin/users/new", admin, {
      display_name: "",
      email: "not-an-email",
      person_reference: "",
      role: "",
      unit_id: "council",
    });
    expect(bad.statusCode).toBe(400);
    const summary = html(bad.body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
    expect(summary).toEqual([
      "Enter their name",
      "Enter an email address in the correct format, like name@example.com",
      "Select a role",
    ]);

    const unknown = await formPost(t.app, "/admin/users/new", admin, {
      display_name: "Alice Adams",
      email: "alice.adams@example.org",
      person_reference: "E999",
      role: "service_manager",
      unit_id: id.S1 as string,
    });
    expect(text(html(unknown.body).querySelector("#person_reference-error"))).toContain(
      "No one has that employee number",
    );

    const made = await formPost(t.app, "/admin/users/new", admin, {
      display_name: "Alice Adams",
      email: "alice.adams@example.org",
      person_reference: "SW1001",
      role: "service_manager",
      unit_id: id.S1 as string,
      send_link: "yes",
    });
    expect(made.statusCode).toBe(303);
    const page = html((await get(String(made.headers.location))).body);
    expect(text(page.querySelector(".govuk-notification-banner"))).toContain("link to set a password");
    expect(text(page.querySelector(".govuk-summary-list"))).toContain("Alice Adams");
    expect(page.querySelectorAll("tbody td:first-child").map((c) => text(c))).toEqual([
      "Service manager: Safeguarding",
    ]);
    const mail = await t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "body"])
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe("alice.adams@example.org");
    expect(mail.body).toMatch(/\/password\/set\//);

    const again = await formPost(t.app, "/admin/users/new", admin, {
      display_name: "Someone Else",
      email: "ALICE.ADAMS@example.org",
      person_reference: "",
      role: "practitioner",
      unit_id: "council",
    });
    expect(text(html(again.body).querySelector("#email-error"))).toContain("already an account");

    const list = html((await get("/admin/users?q=adams")).body);
    expect(list.querySelectorAll("tbody tr").map((r) => text(r.querySelector("a")))).toEqual(["Alice Adams"]);
    const csv = await get("/admin/users?q=adams&format=csv");
    expect(csv.body).toContain("Alice Adams,alice.adams@example.org,Service manager: Safeguarding,active");
  });

  it("adds and removes roles and disables accounts, ending the user's sessions at once", async () => {
    const made = await formPost(t.app, "/admin/users/new", admin, {
      display_name: "Bob Brown",
      email: "bob.brown@example.org",
      person_reference: "",
      role: "practitioner",
      unit_id: "council",
    });
    const userId = userIdFrom(made.headers.location);
    const path = `/admin/users/${userId}`;
    const bobSession = async () => {
      const principal = await t.app.platform.data.run(
        { tenantId: t.tenantId, actor: { id: "system:test" } },
        async (db) => {
          const user = await db
            .selectFrom("users")
            .selectAll()
            .where("id", "=", userId)
            .executeTakeFirstOrThrow();
          return t.app.auth.principalFor(db, user);
        },
      );
      return t.signIn(principal);
    };

    const added = await formPost(
      t.app,
      `${path}/roles`,
      admin,
      { role: "hr_workforce_analyst", unit_id: "council" },
      { pageUrl: path },
    );
    expect(added.statusCode).toBe(303);
    const duplicate = await formPost(
      t.app,
      `${path}/roles`,
      admin,
      { role: "hr_workforce_analyst", unit_id: "council" },
      { pageUrl: path },
    );
    expect(text(html(duplicate.body).querySelector("#role-error"))).toContain("already have this role");

    // Bob signs in as HR, then loses the role: his next request is refused
    const bob = await bobSession();
    expect((await get("/people/new", bob)).statusCode).toBe(200);
    const detail = html((await get(path)).body);
    const hrRoleId = detail
      .querySelectorAll("tbody tr")
      .find((r) => text(r.querySelector("td")) === "HR and workforce analyst")
      ?.querySelector('input[name="role_id"]')
      ?.getAttribute("value");
    expect(hrRoleId).toBeTruthy();
    const removed = await formPost(
      t.app,
      `${path}/roles/remove`,
      admin,
      { role_id: hrRoleId ?? "" },
      { pageUrl: path },
    );
    expect(removed.statusCode).toBe(303);
    const after = await get("/people/new", bob);
    expect(after.statusCode).toBe(302);
    expect(after.headers.location).toMatch(/^\/sign-in/);

    // Disabled: the session ends and sign-in is refused
    const bobAgain = await bobSession();
    const disabled = await formPost(
      t.app,
      `${path}/status`,
      admin,
      { status: "disabled" },
      { pageUrl: path },
    );
    expect(disabled.statusCode).toBe(303);
    expect((await get("/people", bobAgain)).headers.location).toMatch(/^\/sign-in/);
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select(["table_name", "action"])
      .where("table_name", "in", ["users", "user_roles"])
      .where("record_id", "in", [userId, hrRoleId ?? ""])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => `${a.table_name} ${a.action}`)).toEqual([
      "users insert",
      "user_roles insert",
      "user_roles delete",
      "users update",
    ]);
  });

  it("does not let an administrator disable themselves or remove their own administrator role", async () => {
    const own = await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (db) =>
      t.app.auth.createUser(db, {
        email: "sam.admin@example.org",
        displayName: "Sam Admin",
        roles: [{ role: "system_administrator", unitId: null }],
      }),
    );
    const me = await t.signIn({ userId: own, roles: [{ role: "system_administrator", unitId: null }] });
    const path = `/admin/users/${own}`;
    const page = html((await get(path, me)).body);
    expect(page.querySelector('input[name="status"]')).toBeNull();
    const refused = await formPost(t.app, `${path}/status`, me, { status: "disabled" }, { pageUrl: path });
    expect(refused.statusCode).toBe(400);
    const roleId = page.querySelector('input[name="role_id"]')?.getAttribute("value") ?? "";
    const kept = await formPost(t.app, `${path}/roles/remove`, me, { role_id: roleId }, { pageUrl: path });
    expect(text(html(kept.body).querySelector("#role_id"))).toContain(
      "cannot remove your own administrator role",
    );
  });

  it("is for system administrators only, and another council's users are not found", async () => {
    const hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    expect((await get("/admin/users", hr)).statusCode).toBe(403);
    expect((await get("/admin/users/00000000-0000-4000-8000-000000000999")).statusCode).toBe(404);
    expect((await get("/admin/users/not-an-id")).statusCode).toBe(404);
  });
});
