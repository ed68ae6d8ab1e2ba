package org.mmspec.spec.diag;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** "Did you mean" suggestions: the known names closest to a misspelt one by edit distance. */
public final class Hints {

    private Hints() {
    }

    /**
     * A hint naming the closest of {@code known} to {@code wrong}, or no hint when nothing is close
     * (distance above a third of the name's length, at least 1, at most 3).
     */
    public static List<String> didYouMean(String wrong, Collection<String> known) {
        int limit = Math.min(3, Math.max(1, wrong.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            if (Math.abs(candidate.length() - wrong.length()) > limit) {
                continue;
            }
            int d = distance(wrong, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= limit && bestDistance > 0
                ? List.of("did you mean '" + best + "'?") : List.of();
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
