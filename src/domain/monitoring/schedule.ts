/** How a kept check run came about (docs/monitoring-server.md). */
export const CHECK_RUN_TRIGGERS = ['on_demand', 'schedule'] as const;
export type CheckRunTrigger = (typeof CHECK_RUN_TRIGGERS)[number];
