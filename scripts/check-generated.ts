// Fails when schema/schema.graphql or the typed documents in client/gql/ are stale. Writes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/schema/index.js";
import config from "../codegen.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const problems: string[] = [];
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
const read = (p: string) => {
  try {
    return readFileSync(path.join(root, p), "utf8");
  } catch {
    return "";
  }
};
if (read("schema/schema.graphql") !== sdl) problems.push("schema/schema.graphql is stale: run `npm run schema:print`");
else {
  const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
  for (const o of outputs) {
    const rel = path.relative(root, path.resolve(root, o.filename));
    if (read(rel) !== o.content) problems.push(`${rel} is stale: run \`npm run codegen\``);
  }
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("generated files are up to date (schema/schema.graphql, client/gql/)");
