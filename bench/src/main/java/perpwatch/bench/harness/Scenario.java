package perpwatch.bench.harness;

/** One bounded run against the local cloud; its result is a section of the report. */
interface Scenario {
    String title();

    Result run(HarnessContext ctx) throws Exception;

    /**
     * @param passed   every check held (a missed speed target is a figure, not a failure)
     * @param markdown the report section: what ran, the table, what held and what did not
     */
    record Result(String title, boolean passed, String markdown) {}
}
