// Per-process caches: the policy runtime hands each policy its own copy of a resource's props, so the
// work done for one policy is found again by content, not identity.

/** Values computed once per key, the oldest dropped first beyond `size` so that a long process stays small. */
export class Memo<V> {
    private readonly values = new Map<string, V>();

    constructor(private readonly size: number) {}

    get(key: string, compute: () => V): V {
        let value = this.values.get(key);
        if (value === undefined) {
            value = compute();
            if (this.values.size >= this.size) this.values.delete(this.values.keys().next().value as string);
            this.values.set(key, value);
        }
        return value;
    }
}
