import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents for clients and the integration tests: `graphql()` tags in client/operations.ts → client/gql/.
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["client/operations.ts"],
  ignoreNoDocuments: false,
  generates: {
    "client/gql/": {
      preset: "client",
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", JSON: "unknown" } },
      presetConfig: { fragmentMasking: false },
    },
  },
  emitLegacyCommonJSImports: false,
};
export default config;
