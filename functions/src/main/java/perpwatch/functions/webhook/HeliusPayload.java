package perpwatch.functions.webhook;

import java.util.List;

/** One webhook body, sorted: the Drift transactions, and how many elements were something else. */
record HeliusPayload(List<DriftTransaction> drift, int nonDrift, int malformed) {}
