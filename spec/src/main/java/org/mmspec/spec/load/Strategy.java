package org.mmspec.spec.load;

/** The search strategy a scenario suggests ({@code strategy bfs;}); the explorer may override it. */
public enum Strategy {
    BFS, DFS, PREEMPT, RANDOM
}
