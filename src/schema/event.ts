import { builder } from "./builder.js";
import { idOf } from "./ids.js";

builder.prismaNode("Event", {
  id: { field: "id" },
  nullable: true, // node(id) of a missing row reads as null
  description: "A real-world occurrence (a strike, a notification, a casualty count) that statements are about.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "Stable key: type, place and date." }),
    type: t.exposeString("type", { description: "STRIKE, NOTIFICATION, CASUALTIES, RESPONSIBILITY or OTHER." }),
    description: t.exposeString("description"),
    date: t.expose("date", { type: "DateTime", nullable: true }),
    place: t.exposeString("place", { nullable: true }),
    statements: t.relatedConnection("statements", { cursor: "id", totalCount: true, query: () => ({ orderBy: { id: "asc" } }) }),
  }),
});

builder.queryFields((t) => ({
  events: t.prismaConnection({
    type: "Event",
    cursor: "id",
    description: "Events the statements refer to, latest date first.",
    resolve: (query, _r, _a, ctx) => ctx.prisma.event.findMany({ ...query, orderBy: [{ date: { sort: "desc", nulls: "last" } }, { id: "asc" }] }),
    totalCount: (_r, _a, ctx) => ctx.prisma.event.count(),
  }),
  event: t.prismaField({
    type: "Event",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) => ctx.prisma.event.findUnique({ ...query, where: { id: idOf(String(args.id), "Event") } }),
  }),
}));
