package perpwatch.functions.guards;

/** A fresh metric's state against its bounds, and the sentence that says why when it is not {@code pass}. */
record Judged(GuardState state, String reason) {
    static final Judged PASS = new Judged(GuardState.PASS, null);

    static Judged warn(String reason) {
        return new Judged(GuardState.WARN, reason);
    }

    static Judged breach(String reason) {
        return new Judged(GuardState.BREACH, reason);
    }
}
