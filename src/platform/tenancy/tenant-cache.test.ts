import { describe, expect, it } from "vitest";
import { TestClock } from "../clock.js";
import { TenantCache } from "./tenant-cache.js";

const TENANT = "00000000-0000-4000-8000-000000000001";

describe("TenantCache", () => {
  it("works an entry out once for a burst of requests, and again when the version moves", async () => {
    const cache = new TenantCache(new TestClock("2026-11-23T09:00:00Z"));
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 10));
      return computed;
    };
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => cache.getAt(7, TENANT, "figures", compute)),
    );
    expect(burst).toEqual(Array(20).fill(1));
    expect(await cache.getAt(7, TENANT, "figures", compute)).toBe(1);
    expect(await cache.getAt(8, TENANT, "figures", compute)).toBe(2);
    expect(computed).toBe(2);
  });

  it("forgets work that failed, so the next request tries again", async () => {
    const cache = new TenantCache(new TestClock("2026-11-23T09:00:00Z"));
    await expect(
      cache.getAt(1, TENANT, "k", async () => {
        throw new Error("database went away");
      }),
    ).rejects.toThrow("database went away");
    expect(await cache.getAt(1, TENANT, "k", async () => "second try")).toBe("second try");
  });

  it("keeps councils apart and works an entry out again after its time to live", async () => {
    const clock = new TestClock("2026-11-23T09:00:00Z");
    const cache = new TenantCache(clock, 10, 60_000);
    const other = "00000000-0000-4000-8000-000000000002";
    expect(await cache.getAt(1, TENANT, "k", async () => "ours")).toBe("ours");
    expect(await cache.getAt(1, other, "k", async () => "theirs")).toBe("theirs");
    expect(await cache.getAt(1, TENANT, "k", async () => "again")).toBe("ours");
    clock.advance(60_001);
    expect(await cache.getAt(1, TENANT, "k", async () => "again")).toBe("again");
  });

  it("times the time to live from when a long computation ends, not from when it was asked for", async () => {
    const clock = new TestClock("2026-11-23T09:00:00Z");
    const cache = new TenantCache(clock, 10, 60_000);
    let computed = 0;
    const slow = async () => {
      computed += 1;
      clock.advance(90_000); // longer than the time to live
      return computed;
    };
    expect(await cache.getAt(1, TENANT, "k", slow)).toBe(1);
    clock.advance(59_000);
    expect(await cache.getAt(1, TENANT, "k", slow)).toBe(1);
    expect(computed).toBe(1);
  });
  it("gives each owner its own named cache, made once", async () => {
    const clock = new TestClock("2026-11-23T09:00:00Z");
    const app = {};
    const other = {};
    const panels = TenantCache.of(app, "panels", clock);
    expect(TenantCache.of(app, "panels", clock)).toBe(panels);
    expect(TenantCache.of(app, "months", clock)).not.toBe(panels);
    expect(TenantCache.of(other, "panels", clock)).not.toBe(panels);
    await panels.getAt(1, TENANT, "k", async () => "app's");
    expect(await TenantCache.of(other, "panels", clock).getAt(1, TENANT, "k", async () => "other's")).toBe(
      "other's",
    );
  });
});
