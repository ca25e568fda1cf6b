import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { setRegistration } from "./test-support.js";

/**
 * The register checks' and reminders' world: a test app with the people fixture, in which Alice
 * (SW1001), Dan (SW1004) and Bob (SW1002) are registered with Social Work England.
 */
export async function seedRegisteredApp(
  options: { now?: string } = {},
): Promise<{ t: TestApp; f: PeopleFixture }> {
  const t = await buildTestApp();
  if (options.now) t.clock.set(options.now);
  const f = await seedPeopleFixture(t.app, t.tenantId);
  const registered = [
    ["alice", "SW1001", "2015-06-01"],
    ["dan", "SW1004", "2020-06-01"],
    ["bob", "SW1002", "2018-06-01"],
  ] as const;
  for (const [key, number, first] of registered) {
    await setRegistration(t.app, f.ctx, f.id[key] as string, { number, status: "registered", first });
  }
  return { t, f };
}
