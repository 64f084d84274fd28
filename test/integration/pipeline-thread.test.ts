import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { createPipelineThread } from "../../src/services/pipeline-thread.js";

// The extraction thread is ended once it has had nothing to do for idleMs (its memory goes back to the OS), and the
// next text starts a new one that extracts the same.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const text = readFileSync(path.join(root, "examples/articles/01-border-strike.txt"), "utf8");

describe("services/pipeline-thread", () => {
  it("ends an idle thread, and a later text starts a new one", async () => {
    let idle: () => void = () => undefined;
    let ended = new Promise<void>((r) => (idle = r));
    const run = createPipelineThread({ idleMs: 300, onIdle: () => idle() });
    try {
      const first = await run({ text });
      expect(first.statements.length).toBeGreaterThan(0);
      await ended; // resolves only when the thread was terminated for idleness
      ended = new Promise<void>((r) => (idle = r));
      const second = await run({ text });
      expect(second.statements.map((s) => [s.start, s.end, s.speakerKey])).toEqual(first.statements.map((s) => [s.start, s.end, s.speakerKey]));
      await ended;
    } finally {
      await run.close();
    }
  }, 120_000);

  it("keeps the thread while texts keep coming (no idle end between them)", async () => {
    let idles = 0;
    const run = createPipelineThread({ idleMs: 60_000, onIdle: () => idles++ });
    try {
      const [a, b] = await Promise.all([run({ text }), run({ text: `${text}\n\nA second paragraph of its own, said the reporter.` })]);
      expect(a.statements.length).toBeGreaterThan(0);
      expect(b.statements.length).toBeGreaterThanOrEqual(a.statements.length);
      expect(idles).toBe(0);
    } finally {
      await run.close();
    }
  }, 120_000);
});
