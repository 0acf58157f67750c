// The default program: one CalloutTask per campaign file.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CalloutTask } from "../provider";
import { type Campaign, CampaignFileError, loadCampaigns } from "./campaigns";

const config = new pulumi.Config();
const dir = path.resolve(__dirname, "..", config.get("campaignsDir") ?? "campaigns");

/** The campaigns, or every problem of every file as a RunError, which Pulumi prints without a stack trace. */
function campaignFiles(): Campaign[] {
    try {
        return loadCampaigns(dir);
    } catch (e) {
        if (e instanceof CampaignFileError) throw new pulumi.RunError(e.message);
        throw e;
    }
}

const tasks = Object.fromEntries(
    campaignFiles().map((c) => {
        c.notes.forEach((note) => pulumi.log.warn(note));
        const task = new CalloutTask(c.name, c.inputs);
        return [c.name, { taskId: task.taskId, state: task.stateName, paused: task.paused, progress: task.progress }];
    }),
);

export const campaigns = tasks;
