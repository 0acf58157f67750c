// The plugin's import ID of a CCC task or campaign: `SDKAPPID/ID` (CCC needs the application to find either).

const EXAMPLES = { TASKID: "1400123455/42", CAMPAIGNID: "1400123455/5000001" } as const;

/** The application and the id that an import ID names, or an error naming the form. */
export function parseImportId(id: string, idName: keyof typeof EXAMPLES): { sdkAppId: number; id: number } {
    const m = /^(\d+)\/(\d+)$/.exec(id.trim());
    if (!m) throw new Error(`import ID "${id}": must be SDKAPPID/${idName}, for example ${EXAMPLES[idName]}`);
    return { sdkAppId: Number(m[1]), id: Number(m[2]) };
}
