package perpwatch.feeds.onchain.scan;

/**
 * Refuses a User population that cannot be the whole program: zero accounts (a node that answered with nothing), or
 * fewer than half the last accepted scan's (a node that cut its answer, a filter that stopped matching after an
 * account extension). Either would publish a map that hides most positions while looking complete. The baseline
 * survives a restart through {@link #seed}: the task seeds it from the last published map, so a capped answer right
 * after a deploy is refused too.
 */
final class PopulationGuard {
    private long lastAccepted = -1;

    /** Throws {@link ScanRefusedException}; otherwise remembers {@code accounts} as the new baseline. */
    synchronized void check(long accounts) {
        if (accounts == 0) {
            throw new ScanRefusedException("scan refused: the node returned no User accounts");
        }
        if (lastAccepted > 0 && accounts * 2 < lastAccepted) {
            throw new ScanRefusedException(
                    "scan refused: " + accounts + " User accounts, fewer than half of the last scan's " + lastAccepted);
        }
        lastAccepted = accounts;
    }

    /** A baseline from before this process (the last published scan), used only if no scan has been accepted yet. */
    synchronized void seed(long accounts) {
        if (lastAccepted < 0 && accounts > 0) {
            lastAccepted = accounts;
        }
    }
}
