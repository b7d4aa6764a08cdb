import { describe, expect, it } from "vitest";
import { settleBackgroundWork, trackBackgroundWork } from "@/lib/background-work";

describe("background work registry (graceful shutdown)", () => {
  it("waits for tracked work to finish", async () => {
    let done = false;
    trackBackgroundWork(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          done = true;
          resolve();
        }, 50),
      ),
    );
    expect(await settleBackgroundWork(2_000)).toBe(0);
    expect(done).toBe(true);
  });

  it("gives up after the timeout and reports what is still running; failures do not throw", async () => {
    trackBackgroundWork(Promise.reject(new Error("send failed")));
    const never = new Promise(() => {});
    trackBackgroundWork(never);
    const started = Date.now();
    expect(await settleBackgroundWork(100)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
