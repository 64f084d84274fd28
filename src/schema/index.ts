import { builder } from "./builder.js";
import "./common.js";
import "./source.js";
import "./speaker.js";
import "./statement.js";
import "./event.js";
import "./contradiction.js";
import "./check-claim.js";
import "./ingest-job.js";

/** The executable schema. Printing it is scripts/print-schema.ts's job, never an import side effect. */
export const schema = builder.toSchema();
