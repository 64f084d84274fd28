// Prisma CLI configuration: used to author migrations (`prisma migrate dev/diff`) against a real PostgreSQL
// given by DATABASE_URL. The app applies migrations itself (src/db/migrate.ts); never point the CLI at a
// PGlite folder that a server has open.
import path from "node:path";
import { defineConfig } from "prisma/config";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let factory: Promise<any> | undefined; // the CLI asks for the adapter more than once per command

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter() {
    factory ??= (async () => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error("prisma.config: set DATABASE_URL to a PostgreSQL server to run migration commands");
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { NameAsTextClient } = await import("./src/db/pg-name-fix.js");
      const u = new URL(url);
      // Discrete fields, not connectionString: the shadow database must be able to override `database`.
      return new PrismaPg({
        host: u.hostname,
        port: Number(u.port || 5432),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: u.pathname.slice(1),
        idleTimeoutMillis: 500,
        Client: NameAsTextClient,
      } as ConstructorParameters<typeof PrismaPg>[0]);
    })();
    return factory;
  },
});
