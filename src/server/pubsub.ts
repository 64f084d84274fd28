import { createPubSub } from "graphql-yoga";

/** In-process events. A contradiction id is published whenever detection creates or changes one. */
export type Topics = { contradictionDetected: [{ contradictionId: number; created: boolean }] };
export const createEvents = () => createPubSub<Topics>();
export type Events = ReturnType<typeof createEvents>;
