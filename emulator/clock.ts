// What moves the model clock: tests and the control plane only ("manual"), or wall time as well ("wall",
// for a long-running local emulator, where calls then progress while nobody is looking).
import type { Model } from "./model";
import type { ClockMode } from "./types";

const wallSeconds = () => Math.floor(Date.now() / 1000);

export class Clock {
    /** In wall mode, model time minus wall time. */
    private offset: number;

    constructor(
        private readonly model: Model,
        private current: ClockMode,
    ) {
        this.offset = model.now() - wallSeconds();
    }

    mode(): ClockMode {
        return this.current;
    }

    /** Switching to wall time continues from the model's time at the wall's pace. */
    setMode(mode: ClockMode): void {
        this.sync();
        this.current = mode;
        this.restarted();
    }

    /** Brings the model up to wall time (wall mode); true when the model changed. */
    sync(): boolean {
        const target = wallSeconds() + this.offset;
        if (this.current !== "wall" || target <= this.model.now()) return false;
        this.model.setClock(target);
        return true;
    }

    /** The model was restored: go on from its time. */
    restarted(): void {
        this.offset = this.model.now() - wallSeconds();
    }

    /** Forward only; in wall mode the clock goes on from there. */
    set(unixSeconds: number): void {
        this.sync();
        this.model.setClock(unixSeconds);
        this.restarted();
    }
}
