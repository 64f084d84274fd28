import { describe, expect, it } from "@jest/globals";
import { parse, validate } from "graphql";
import { schema } from "../../src/schema/index.js";
import { GRAPHIQL_EXAMPLES } from "../../src/server/examples.js";

// The operations GraphiQL opens with must stay valid as the schema changes.
describe("GraphiQL examples", () => {
  it("every example operation validates against the schema", () => {
    const doc = parse(GRAPHIQL_EXAMPLES);
    expect(doc.definitions.length).toBeGreaterThanOrEqual(4);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
