import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults for trying the app: embedded database under ./data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: "development",
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: undefined,
      dataDir: "./data",
      secureCookies: false,
      jobsEnabled: true,
    });
  });

  it("reads and converts variables", () => {
    const config = loadConfig({
      PORT: "8080",
      DATABASE_URL: "postgres://app@db.internal:5432/workforce",
      DEMO_MODE: "true",
      SESSION_IDLE_MINUTES: "20",
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: "postgres://app@db.internal:5432/workforce",
      demoMode: true,
      sessionIdleMinutes: 20,
    });
  });

  it("fails fast, naming every bad variable", () => {
    expect(() => loadConfig({ PORT: "eighty", LOG_LEVEL: "loud" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty", LOG_LEVEL: "loud" })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });

  it("insists on a session secret and secure cookies in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    expect(config.secureCookies).toBe(true);
  });
});
