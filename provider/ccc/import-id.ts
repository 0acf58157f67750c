// The plugin's import ID of a CCC task or campaign: `SDKAPPID/ID` (CCC needs the application to find either),
// and what an import of a campaign recovered.
import type { Imported } from "../../plugin/kind";

const EXAMPLES = { TASKID: "1400123455/42", CAMPAIGNID: "1400123455/5000001" } as const;

/** The application and the id that an import ID names, or an error naming the form. */
export function parseImportId(id: string, idName: keyof typeof EXAMPLES): { sdkAppId: number; id: number } {
    const m = /^(\d+)\/(\d+)$/.exec(id.trim());
    if (!m) throw new Error(`import ID "${id}": must be SDKAPPID/${idName}, for example ${EXAMPLES[idName]}`);
    return { sdkAppId: Number(m[1]), id: Number(m[2]) };
}

/**
 * An imported campaign: what CCC reported as `inputs`, every other input of the kind (but those that only
 * steer the provider) as not returned, and a note naming them and what the policy pack checks of them.
 */
export function importedCampaign(campaignId: number, inputs: Record<string, unknown>, fields: readonly string[], providerOnly: readonly string[], checked: string): Imported {
    const notReturned = fields.filter((k) => !(k in inputs) && !providerOnly.includes(k));
    return {
        id: String(campaignId),
        inputs,
        notReturned,
        note: `CCC never returns ${notReturned.join(", ")}: declare the ones the campaign was created with (${checked} what the policy pack checks).`,
    };
}
