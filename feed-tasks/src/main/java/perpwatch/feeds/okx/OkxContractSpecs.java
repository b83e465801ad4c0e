package perpwatch.feeds.okx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.ws.Backoff;

/**
 * Contract values of the swaps a worker converts. Loaded before the socket opens (a size in contracts cannot be
 * published without it) and refreshed by {@link #refresh()}; a failed refresh keeps the values already known.
 */
public final class OkxContractSpecs {
    private static final Logger LOG = LoggerFactory.getLogger(OkxContractSpecs.class);
    private final OkxInstrumentsClient client;
    private final List<String> instIds;
    private final Map<String, ContractSpec> specs = new ConcurrentHashMap<>();

    public OkxContractSpecs(OkxInstrumentsClient client, List<String> instIds) {
        this.client = client;
        this.instIds = List.copyOf(instIds);
    }

    /** Retries with {@code backoff} until every instrument is known; false only when interrupted. */
    public boolean loadAll(String owner, Backoff backoff) {
        int attempt = 0;
        while (true) {
            try {
                refreshOrThrow();
                LOG.info("[{}] contract values: {}", owner, specs.values());
                return true;
            } catch (RestCallException e) {
                long waitMs = e.retryAfter()
                        .map(d -> d.toMillis())
                        .orElse(backoff.delay(++attempt, Math::random).toMillis());
                LOG.warn(
                        "[{}] cannot read OKX contract values yet ({}); retrying in {} ms",
                        owner,
                        e.getMessage(),
                        waitMs);
                try {
                    Thread.sleep(waitMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** One refresh; on failure the old values stay and the failure is logged. */
    public void refresh() {
        try {
            refreshOrThrow();
        } catch (RestCallException e) {
            LOG.warn("OKX contract value refresh failed, keeping {}: {}", specs.values(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshOrThrow() throws RestCallException, InterruptedException {
        for (String instId : instIds) {
            ContractSpec spec = client.fetch(instId);
            ContractSpec old = specs.put(instId, spec);
            if (old != null && !old.equals(spec)) {
                LOG.warn("OKX changed the contract of {}: {} → {}", instId, old, spec);
            }
        }
    }

    public Optional<ContractSpec> get(String instId) {
        return Optional.ofNullable(specs.get(instId));
    }
}
