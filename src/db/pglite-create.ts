// Child-process entry (see createPgliteDir in client.ts): creates an embedded database folder (initdb), applies the
// migrations, prints their names as JSON on stdout and exits, so the memory both take goes back to the OS.
import { PGlite } from "@electric-sql/pglite";
import { migratePglite, PGLITE_START_PARAMS } from "./pglite-setup.js";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("db/pglite-create: usage: pglite-create <data folder>\n");
  process.exit(2);
}
const lite = await PGlite.create(dir, { startParams: PGLITE_START_PARAMS });
try {
  process.stdout.write(JSON.stringify(await migratePglite(lite)));
} finally {
  await lite.close();
}
