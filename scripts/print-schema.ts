// Prints the GraphQL schema (SDL, sorted) to schema/schema.graphql. `--check` exits 1 when the file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/schema/index.js";

export function currentSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

const path = new URL("../schema/schema.graphql", import.meta.url);
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const sdl = currentSdl();
  if (process.argv.includes("--check")) {
    let old = "";
    try {
      old = readFileSync(path, "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (old !== sdl) {
      console.error("schema/schema.graphql is stale: run `npm run schema:print`");
      process.exit(1);
    }
    console.log("schema/schema.graphql is up to date");
  } else {
    writeFileSync(path, sdl);
    console.log(`wrote schema/schema.graphql (${sdl.length} bytes)`);
  }
}
