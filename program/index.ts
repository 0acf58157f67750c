// The default program: one CalloutTask per campaign file.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CalloutTask } from "../provider";
import { loadCampaigns } from "./campaigns";

const config = new pulumi.Config();
const dir = path.resolve(__dirname, "..", config.get("campaignsDir") ?? "campaigns");

const tasks = Object.fromEntries(
    loadCampaigns(dir).map((c) => {
        const task = new CalloutTask(c.name, c.inputs);
        return [c.name, { taskId: task.taskId, state: task.stateName, paused: task.paused, progress: task.progress }];
    }),
);

export const campaigns = tasks;
