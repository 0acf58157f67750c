// The default program: one CalloutTask per campaign file.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { deployCampaigns } from "./deploy";

const config = new pulumi.Config();

export const campaigns = deployCampaigns(path.resolve(__dirname, "..", config.get("campaignsDir") ?? "campaigns"));
