// CalloutTask's settings are CCC's (provider/ccc/settings.ts); plugin/ imports them from here.
export { resolveSettings, SETTING_SOURCES } from "../ccc/settings";
