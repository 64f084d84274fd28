// bench/api — PostGraphile v4 over the same database, for the side-by-side comparison only (a devDependency; never
// part of gainsay's server). Read-only (default mutations off), no GraphiQL, no query log, no watch mode; a pool of 10
// like gainsay's. Prints {"url":"…"} on stderr when listening.
//
//   DATABASE_URL=postgresql://… node bench/api/postgraphile-server.cjs
"use strict";
const Module = require("node:module");
const path = require("node:path");
const { createServer } = require("node:http");

// PostGraphile v4 needs graphql 15; gainsay has 16 at the top of node_modules, where npm also hoists
// graphql-parse-resolve-info (its peer range admits 16), so PostGraphile's schema (15) would meet functions of 16 ("from
// another module or realm"). In this process every `graphql` resolves to PostGraphile's own copy.
const graphql15 = path.dirname(require.resolve("graphql/package.json", { paths: [path.dirname(require.resolve("postgraphile/package.json"))] }));
if (require(path.join(graphql15, "package.json")).version.split(".")[0] !== "15") throw new Error("bench/api: PostGraphile's graphql is not v15");
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "graphql" || request.startsWith("graphql/")) return resolveFilename.call(this, graphql15 + request.slice("graphql".length), ...rest);
  return resolveFilename.call(this, request, ...rest);
};
const { postgraphile } = require("postgraphile");
const PgSimplifyInflectorPlugin = require("@graphile-contrib/pg-simplify-inflector");
const pg = require("pg");

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) });
const handler = postgraphile(pool, "public", {
  appendPlugins: [PgSimplifyInflectorPlugin],
  disableDefaultMutations: true,
  graphiql: false,
  enhanceGraphiql: false,
  disableQueryLog: true,
  watchPg: false,
  retryOnInitFail: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: "omit",
  extendedErrors: [],
  showErrorStack: false,
});

const server = createServer(handler);
server.keepAliveTimeout = 5000;
server.listen(0, "127.0.0.1", () => {
  process.stderr.write(`${JSON.stringify({ msg: "postgraphile listening", url: `http://127.0.0.1:${server.address().port}/graphql` })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  handler.release().finally(() => pool.end()).finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
