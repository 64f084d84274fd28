// Boots the extraction thread when running from the TypeScript sources (npm start, tests): a worker thread does not
// inherit the main thread's tsx loader, so it registers its own before loading the worker module.
import { register } from "tsx/esm/api";

register();
await import("./pipeline-worker.ts");
