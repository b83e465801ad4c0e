"""cryptofeed's BinanceFutures aggTrade handler on the frames PeersBench wrote (bench/peers/run.sh runs this only
when a Python with cryptofeed is found; PyPI is not reachable from the project's machines, so this has not been
run here yet). Each frame goes through the feed's own message_handler (its JSON parse, the combined-stream
unwrap, _trade, the TRADES callback), the path a live connection takes. Symbols are set locally: no network.
Writes python.json to --work in the shape peers.mjs uses."""
import asyncio
import json
import sys
import time
from importlib.metadata import version


def arg(name, default):
    for a in sys.argv[1:]:
        if a.startswith(f"--{name}="):
            return a.split("=", 1)[1]
    return default


async def main():
    from cryptofeed.defines import BINANCE_FUTURES, TRADES
    from cryptofeed.exchanges import BinanceFutures
    from cryptofeed.symbols import Symbols

    work = arg("work", "target")
    rounds = int(arg("rounds", "5"))
    round_s = int(arg("round-ms", "1000")) / 1000
    warmup_s = int(arg("warmup-ms", "3000")) / 1000
    with open(f"{work}/aggtrade.jsonl") as f:
        frames = [line.rstrip("\n") for line in f if line.strip()]

    Symbols.set(BINANCE_FUTURES, {"SUSHI-USDT-PERP": "SUSHIUSDT"}, {})
    seen = [0]

    async def on_trade(trade, receipt_timestamp):
        seen[0] += 1

    feed = BinanceFutures(symbols=["SUSHI-USDT-PERP"], channels=[TRADES], callbacks={TRADES: on_trade})

    async def run_pass():
        for frame in frames:
            await feed.message_handler(frame, None, time.time())

    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < warmup_s:
        await run_pass()
        warm += 1
    figures = []
    for _ in range(rounds):
        ops = 0
        t0 = time.perf_counter()
        while True:
            await run_pass()
            ops += len(frames)
            elapsed = time.perf_counter() - t0
            if elapsed >= round_s:
                break
        figures.append(ops / elapsed)
    median = sorted(figures)[len(figures) // 2]
    print(f"trades.cryptofeed {median:,.0f} frames/s (median of {rounds}); callbacks seen {seen[0]}")
    with open(f"{work}/python.json", "w") as f:
        json.dump({"version": version("cryptofeed"), "python": sys.version.split()[0],
                   "rows": [{"id": "trades.cryptofeed", "unit": "frames/s", "median": median, "rounds": figures}]}, f)


asyncio.run(main())
