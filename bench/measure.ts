import autocannon from "autocannon";
import type { ScenarioPlan } from "./scenario.js";

/**
 * Fixed settings: only the durations may change (for quick checks; figures we track use the defaults).
 * The warm-up is 15 s because the server is not warm sooner: on the 2-core development machine a
 * fresh server's reference page climbed from ~350 to ~850 req/s over its first 12 s (V8 tiering up
 * the compiled templates and the plugins), and a 3 s warm-up left run 1 of 3 visibly low.
 */
export interface MeasureSettings {
  connections: number;
  pipelining: number;
  warmupSeconds: number;
  durationSeconds: number;
  runs: number;
}

export const defaultSettings: MeasureSettings = {
  connections: 20,
  pipelining: 1,
  warmupSeconds: 15,
  durationSeconds: 10,
  runs: 3,
};

export interface RunFigures {
  /** Mean of autocannon's per-second samples of completed requests. */
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, exact (nearest rank) over every response of the run. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
}

export interface ScenarioFigures {
  runs: RunFigures[];
  /** The median run value of each figure, taken separately. */
  requestsPerSecond: number;
  p95Ms: number;
}

export class MeasureError extends Error {}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/**
 * One autocannon run. autocannon reports p90 and p97.5 but no p95, so latencies are taken from
 * its `response` event (the same hrtime-based duration its own histogram records) and the
 * percentiles computed here. Any error, timeout or non-2xx response fails the run.
 */
export async function runOnce(
  baseUrl: string,
  plan: ScenarioPlan,
  settings: MeasureSettings,
  seconds: number,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: settings.connections,
        pipelining: settings.pipelining,
        duration: seconds,
        headers: plan.headers ?? {},
        requests: plan.requests.map((r) => ({ method: "GET" as const, path: r.path })),
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  const problems: string[] = [];
  if (result.errors > 0) problems.push(`${result.errors} errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.non2xx > 0) {
    const codes = Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, s]) => `${s.count ?? "?"} x ${code}`);
    problems.push(`non-2xx responses: ${codes.join(", ")}`);
  }
  if (result.mismatches > 0) problems.push(`${result.mismatches} body mismatches`);
  if (result.resets > 0) problems.push(`${result.resets} connection resets`);
  if (latencies.length === 0) problems.push("no responses");
  if (problems.length > 0) throw new MeasureError(problems.join("; "));

  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    requests: latencies.length,
  };
}

/** Warm-up (discarded), then the measured runs; the median of each figure. */
export async function measure(
  baseUrl: string,
  plan: ScenarioPlan,
  settings: MeasureSettings,
  onRun: (label: string, figures: RunFigures) => void,
): Promise<ScenarioFigures> {
  if (settings.warmupSeconds > 0) {
    onRun("warm-up", await runOnce(baseUrl, plan, settings, settings.warmupSeconds));
  }
  const runs: RunFigures[] = [];
  for (let i = 1; i <= settings.runs; i++) {
    const figures = await runOnce(baseUrl, plan, settings, settings.durationSeconds);
    runs.push(figures);
    onRun(`run ${i}/${settings.runs}`, figures);
  }
  return {
    runs,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p95Ms: median(runs.map((r) => r.p95Ms)),
  };
}
