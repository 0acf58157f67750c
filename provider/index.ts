export { CalloutTask, type CalloutTaskArgs } from "./callout-task";
export * as schema from "./callout-task/schema";
