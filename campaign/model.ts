// The vendor-neutral campaign: what every policy, the review and the campaign files reason about,
// whichever kind of task carries it. Each kind maps its own inputs onto it (its adapter); nothing
// here knows a vendor's field names. One zod schema is the source of the types.
import { z } from "zod";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

/** Calendars whose days move: workdays (statutory make-up workdays fall on weekends), holidays (weekends and public holidays, any day). */
export const SHIFTING_CALENDARS = ["workdays", "holidays"] as const;

/**
 * Where the zone of a schedule comes from: the task declares it; a setting of the provider gives it
 * (a vendor with no zone per task); or the kind assumes it because the task declares none.
 */
export const ZONE_SOURCES = ["task", "setting", "assumed"] as const;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, "must be HH:MM:SS");
const unixSeconds = z.number().int().nonnegative();

/** Hours on some weekdays, in the schedule's zone, within one day (start before end). */
export const callWindowSchema = z.object({
    start: timeOfDay,
    end: timeOfDay,
    /** The weekdays it opens on, in the schedule's zone. */
    days: z.array(weekdaySchema).min(1),
    /** Its days follow a calendar that moves them, so it may also open on other weekdays. */
    calendar: z.enum(SHIFTING_CALENDARS).optional(),
    /** How the task declared it, for messages ("every day", "Mon,Tue", "BusinessDay"). */
    label: z.string(),
});
export type CallWindow = z.infer<typeof callWindowSchema>;

export const scheduleSchema = z.object({
    /** Unix seconds; absent: the task starts as soon as it exists. */
    start: unixSeconds.optional(),
    /** Unix seconds; absent: the task has no end. */
    end: unixSeconds.optional(),
    /** IANA zone the windows are written in. */
    timeZone: z.string(),
    timeZoneSource: z.enum(ZONE_SOURCES),
    windows: z.array(callWindowSchema),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const attemptsSchema = z.object({
    /** Attempts per callee, the first call included. */
    tries: z.number().int().positive(),
    /** Seconds between two attempts on one callee. */
    retryInterval: z.number().int().nonnegative(),
});
export type Attempts = z.infer<typeof attemptsSchema>;

export const paceSchema = z.object({
    /** Most calls at the same time. */
    concurrency: z.number().int().positive().optional(),
    /** Most new calls per second. */
    callsPerSecond: z.number().positive().optional(),
});
export type Pace = z.infer<typeof paceSchema>;

export const campaignSchema = z.object({
    /** Who is called, as written (numbers are analysed once, in callees.ts). */
    callees: z.array(z.string()),
    /** From which numbers. */
    callers: z.array(z.string()),
    schedule: scheduleSchema,
    attempts: attemptsSchema,
    pace: paceSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * What a reading of inputs yields: every part that is known and valid. A part is missing when the
 * task leaves it out, when it is not known yet (preview) or when it fails the kind's rules; the
 * reading says which (adapter.ts).
 */
export const campaignPartsSchema = z.object({
    callees: campaignSchema.shape.callees.optional(),
    callers: campaignSchema.shape.callers.optional(),
    schedule: scheduleSchema.partial(),
    attempts: attemptsSchema.partial(),
    pace: paceSchema,
});
export type CampaignParts = z.infer<typeof campaignPartsSchema>;

/** The parts of a campaign one input can hold: what unknowns, failures and messages are reported against. */
export const CONCERNS = ["callees", "callers", "start", "end", "timeZone", "windows", "tries", "retryInterval", "pace"] as const;
export type Concern = (typeof CONCERNS)[number];
