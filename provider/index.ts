export { CalloutTask, type CalloutTaskArgs } from "./callout-task";
export { CalloutTaskProvider } from "./callout-task/provider";
export * as schema from "./callout-task/schema";
