package org.mmspec.spec.eval;

import org.mmspec.spec.semantics.StateVectors;

/**
 * A spec state's vector is its slots: copied out and back as they are, fingerprinted additively (a slot's
 * contribution is {@link SpecState#mix}), and decoded into a new state or into a reused view.
 */
final class SpecStateVectors implements StateVectors<SpecState> {

    private final int size;

    SpecStateVectors(int size) {
        this.size = size;
    }

    @Override
    public int vectorLength() {
        return size;
    }

    @Override
    public void copyVector(SpecState s, int[] out) {
        System.arraycopy(s.raw(), 0, out, 0, s.size());
    }

    @Override
    public SpecState fromVector(int[] words) {
        return new SpecState(words);
    }

    @Override
    public boolean additiveFingerprint() {
        return true;
    }

    @Override
    public long wordHash(int index, int value) {
        return SpecState.mix(index, value);
    }

    @Override
    public SpecState fromVector(int[] words, long hashSum) {
        return new SpecState(words, hashSum);
    }

    @Override
    public SpecState newView() {
        return SpecState.newView(size);
    }

    @Override
    public void load(SpecState view, int[] words, boolean hashKnown, long hashSum) {
        view.load(words, hashKnown, hashSum);
    }

    @Override
    public SpecState changedFrom(SpecState s, long[] changed) {
        return s.changedFrom(changed);
    }

    @Override
    public long version(SpecState s) {
        return s.version();
    }
}
