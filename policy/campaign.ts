// A resource as the policies see it: a campaign read by its kind's adapter (provider/kinds.ts),
// whatever kind of task and whatever form the props arrive in. Inputs that fail the kind's rules do
// not hide the task: what validates is judged, and each failure is reported by the policy whose rule
// it breaks, in the kind's own field names.
import type { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import type { CampaignReading, TaskKind } from "../campaign/adapter";
import type { CampaignParts, Concern } from "../campaign/model";
import { kindOfType } from "../provider/kinds";

/** A resource's campaign, when the resource is a call task of a known kind. */
export interface CampaignView extends CampaignReading {
    kind: TaskKind;
}

export function campaignOf(type: string, props: Record<string, unknown>): CampaignView | undefined {
    const kind = kindOfType(type);
    return kind && { kind, ...kind.read(props) };
}

/** Whether none of the parts is unknown (preview). */
export const allKnown = (view: CampaignReading, ...parts: Concern[]): boolean => !parts.some((p) => view.unknown.has(p));

/** Whether any of the parts fails the kind's rules. */
export const anyFailed = (view: CampaignReading, ...parts: Concern[]): boolean => parts.some((p) => view.failed.has(p));

/**
 * A resource policy that runs on every kind of call task; messages name the resource. Failures of
 * the parts in `owns` are this policy's violations ("<field>: <rule>"); the check then judges what validated.
 */
export function forCampaigns<C extends object>(
    owns: readonly Concern[],
    check: (campaign: CampaignParts, config: C, report: (message: string) => void, view: CampaignView) => void,
): ResourceValidation {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const view = campaignOf(args.type, args.props);
        if (!view) return;
        const report = (message: string) => reportViolation(`${args.name}: ${message}`);
        for (const f of view.failures) if (f.concern && owns.includes(f.concern)) report(`${f.property}: ${f.reason}`);
        check(view.campaign, args.getConfig<C>(), report, view);
    };
}

/** Reports the first few problems and a count of the rest, so that a large campaign yields a readable list. */
export function reportSome(messages: string[], report: (message: string) => void, limit = 5): void {
    messages.slice(0, limit).forEach((m) => report(m));
    if (messages.length > limit) report(`…and ${messages.length - limit} more like these`);
}
