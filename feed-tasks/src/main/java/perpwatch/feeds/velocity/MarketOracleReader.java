package perpwatch.feeds.velocity;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Redactor;
import perpwatch.core.model.OracleReading;
import perpwatch.feeds.onchain.Discriminators;
import perpwatch.feeds.onchain.DriftDecodeException;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.solana.AccountSink;
import perpwatch.feeds.solana.RpcFilter;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcException;

/**
 * Reads one perp market's oracle the way the program does: the PerpMarket names the oracle account and its source
 * ({@code amm.oracle}, {@code amm.oracle_source}); the account gives price, confidence and {@code posted_slot}; the
 * node's {@code getSlot}, read after the account so the lag is never understated, gives the slot it is measured
 * against. The market is looked up once (a few dozen PerpMarkets, filtered on the discriminator) and again only after
 * its oracle account went missing, so an oracle the admins re-pointed is followed. Not thread-safe: one caller.
 */
public final class MarketOracleReader {
    private static final Logger LOG = LoggerFactory.getLogger(MarketOracleReader.class);
    private static final int PRICE_SCALE = 6;

    private final SolanaRpcClient rpc;
    private final ProgramProfile program;
    private final int marketIndex;
    private final String marketName;
    private final LongSupplier clock;
    private PerpMarketAccount market;
    /** The market was just (re)located: its oracle is logged once, so an operator sees which account is read. */
    private boolean located;

    public MarketOracleReader(
            SolanaRpcClient rpc, ProgramProfile program, int marketIndex, String marketName, LongSupplier clock) {
        this.rpc = rpc;
        this.program = program;
        this.marketIndex = marketIndex;
        this.marketName = marketName;
        this.clock = clock;
    }

    /** One read: a reading, or the typed reason there is none (the node's failures included); never an exception. */
    public Outcome<OracleReading> read() {
        try {
            if (market == null) {
                market = locate();
                located = market != null;
                if (market == null) {
                    return Outcome.rejected(
                            Rejection.MARKET_NOT_FOUND,
                            program.configName() + " program " + program.programId() + " has no PerpMarket "
                                    + marketIndex);
                }
            }
            PerpMarketAccount oracleOf = market;
            if (located) {
                located = false;
                LOG.info(
                        "{} oracle: account {} (source {}), PerpMarket {}",
                        marketName,
                        oracleOf.oracle(),
                        oracleOf.oracleSource(),
                        oracleOf.pubkey());
            }
            byte[] data = rpc.getMultipleAccounts(List.of(oracleOf.oracle())).get(oracleOf.oracle());
            if (data == null) {
                market = null;
                return Outcome.rejected(
                        Rejection.ORACLE_MISSING,
                        "oracle " + oracleOf.oracle() + " of " + marketName
                                + " has no account; the market is read again");
            }
            OraclePrice price;
            try {
                price = program.decoders().oracle(oracleOf.oracleSource(), data);
            } catch (DriftDecodeException e) {
                return Outcome.rejected(
                        Rejection.ORACLE_UNDECODABLE, "oracle " + oracleOf.oracle() + ": " + e.getMessage());
            }
            long slot = rpc.getSlot();
            long now = clock.getAsLong();
            if (price.price() <= 0) {
                return Outcome.rejected(
                        Rejection.ORACLE_UNDECODABLE, "oracle " + oracleOf.oracle() + " holds price " + price.price());
            }
            return Outcome.accepted(new OracleReading(
                    marketName,
                    decimal(price.price()),
                    decimal(price.confidence()),
                    price.slot(),
                    slot,
                    now,
                    clock.getAsLong()));
        } catch (SolanaRpcException e) {
            return Outcome.rejected(
                    e.code() == 429 ? Rejection.RATE_LIMITED : Rejection.RPC_ERROR, Redactor.message(e));
        }
    }

    /** The market's account, or null when the program has no PerpMarket with this index. */
    private PerpMarketAccount locate() {
        PerpMarketAccount[] found = {null};
        rpc.getProgramAccounts(
                program.programId(),
                List.of(RpcFilter.memcmp(0, Discriminators.PERP_MARKET)),
                program.decoders().maxMarketSize(),
                new AccountSink() {
                    @Override
                    public void restart() {
                        found[0] = null;
                    }

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        // Another market that does not decode is not this one's problem; this one failing is
                        // the same as missing, and says so.
                        try {
                            PerpMarketAccount candidate = program.decoders().perpMarket(data);
                            if (candidate.marketIndex() == marketIndex) {
                                found[0] = candidate;
                            }
                        } catch (DriftDecodeException e) {
                            // counted by the liquidation map's scan, which reads every market
                        }
                    }
                });
        return found[0];
    }

    private static BigDecimal decimal(long scaled) {
        BigDecimal value = BigDecimal.valueOf(scaled, PRICE_SCALE).stripTrailingZeros();
        return value.signum() == 0 ? BigDecimal.ZERO : value;
    }
}
