package org.mmspec.ref.state;

/**
 * The mutable working copy of a state vector that kernel code reads and writes during a step.
 *
 * <p>Every write goes through {@link #set}, which keeps the {@link Fingerprint} up to date. A step
 * starts from {@link #load(KernelState)} (a copy into this machine's own scratch vector, which is reused:
 * loading allocates nothing) and ends with {@link #snapshot()} (the one allocation of a step: the
 * successor's words); the loaded state itself is never modified, so mutation is invisible to holders of
 * states.
 */
public final class Mem {

    /** The vector this machine owns and writes; {@link #w} is it, except after {@link #loadForReading}. */
    private int[] scratch;
    private int[] w;
    private long fp;

    public Mem(int[] words) {
        this.scratch = words;
        this.w = words;
        this.fp = Fingerprint.of(words);
    }

    /** Starts working on a private copy of {@code s} (in the reused scratch vector). */
    public void load(KernelState s) {
        if (scratch.length != s.size()) {
            scratch = new int[s.size()];
        }
        s.copyWords(scratch);
        this.w = scratch;
        this.fp = s.fingerprint();
    }

    /** Reads {@code s} without copying; the caller must not write (used by read-only views). */
    public void loadForReading(KernelState s) {
        this.w = s.wordsForReading();
        this.fp = s.fingerprint();
    }

    /** Freezes a copy of the current words into a state; further writes go on in this machine's vector. */
    public KernelState snapshot() {
        return new KernelState(w.clone(), fp);
    }

    public int get(int i) {
        return w[i];
    }

    public void set(int i, int v) {
        int old = w[i];
        if (old != v) {
            fp += Fingerprint.mix(i, v) - Fingerprint.mix(i, old);
            w[i] = v;
        }
    }

    public void add(int i, int delta) {
        set(i, w[i] + delta);
    }

    public boolean test(int i, int bit) {
        return (w[i] & bit) != 0;
    }

    public void setBits(int i, int bits) {
        set(i, w[i] | bits);
    }

    public void clearBits(int i, int bits) {
        set(i, w[i] & ~bits);
    }

    public long fingerprint() {
        return fp;
    }

    public int size() {
        return w.length;
    }
}
