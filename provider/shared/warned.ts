// What every kind's lifecycle class starts with: the engine's warnings, passed in by the plugin or
// found in the dynamic provider host when needed (nothing live is kept on the instance).
import { dynamicHostWarnings, type Warn } from "./engine-log";

export abstract class WarningProvider {
    constructor(private readonly warnings?: Warn) {}

    protected warn(urn: string, message: string): Promise<void> {
        return (this.warnings ?? dynamicHostWarnings())(urn, message);
    }
}
