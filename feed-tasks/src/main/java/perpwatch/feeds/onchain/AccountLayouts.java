package perpwatch.feeds.onchain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every account layout one program has deployed, keyed by account size. An account is decoded by the layout its size
 * names; a size no layout names is refused (counted as undecodable), never read with the nearest layout: a program
 * that grows its accounts in place ({@code extend_account}) can hand us a size we have not read the struct for.
 */
public final class AccountLayouts {
    /** A field the program does not have, or whose offset is not confirmed: reads as 0. */
    public static final int ABSENT = -1;

    private final Map<Integer, UserLayout> users;
    private final Map<Integer, PerpMarketLayout> perpMarkets;
    private final Map<Integer, SpotMarketLayout> spotMarkets;
    private final Map<Integer, StateLayout> states;
    private final PythLazerOracleLayout pythLazerOracle;

    public AccountLayouts(
            List<UserLayout> users,
            List<PerpMarketLayout> perpMarkets,
            List<SpotMarketLayout> spotMarkets,
            List<StateLayout> states,
            PythLazerOracleLayout pythLazerOracle) {
        this.users = bySize(users, UserLayout::size);
        this.perpMarkets = bySize(perpMarkets, PerpMarketLayout::size);
        this.spotMarkets = bySize(spotMarkets, SpotMarketLayout::size);
        this.states = bySize(states, StateLayout::size);
        this.pythLazerOracle = pythLazerOracle;
    }

    private static <T> Map<Integer, T> bySize(List<T> layouts, Function<T, Integer> size) {
        return Map.copyOf(layouts.stream().collect(Collectors.toMap(size, Function.identity())));
    }

    public UserLayout user(byte[] data) {
        return pick(users, data, "User");
    }

    public PerpMarketLayout perpMarket(byte[] data) {
        return pick(perpMarkets, data, "PerpMarket");
    }

    public SpotMarketLayout spotMarket(byte[] data) {
        return pick(spotMarkets, data, "SpotMarket");
    }

    public StateLayout state(byte[] data) {
        return pick(states, data, "State");
    }

    public PythLazerOracleLayout pythLazerOracle() {
        return pythLazerOracle;
    }

    public Collection<UserLayout> users() {
        return users.values();
    }

    /** The largest User the program may return: bounds what the RPC reader will decompress. */
    public int maxUserSize() {
        return users.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    public int maxMarketSize() {
        return IntStream.concat(
                        perpMarkets.keySet().stream().mapToInt(Integer::intValue),
                        IntStream.concat(
                                spotMarkets.keySet().stream().mapToInt(Integer::intValue),
                                states.keySet().stream().mapToInt(Integer::intValue)))
                .max()
                .orElseThrow();
    }

    private static <T> T pick(Map<Integer, T> layouts, byte[] data, String account) {
        if (data == null) {
            throw new DriftDecodeException(account + ": no data");
        }
        T layout = layouts.get(data.length);
        if (layout == null) {
            int smallest =
                    layouts.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
            DriftDecodeException.Fault fault =
                    data.length < smallest ? DriftDecodeException.Fault.SHORT : DriftDecodeException.Fault.UNKNOWN_SIZE;
            throw new DriftDecodeException(
                    fault,
                    account + ": " + data.length + " bytes is no known layout (known: "
                            + layouts.keySet().stream().sorted().toList() + ")");
        }
        return layout;
    }
}
