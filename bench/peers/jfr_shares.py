"""Shares of JFR execution samples by method, for the samples whose stack passes through one method.

    jfr print --json --stack-depth 64 --events jdk.ExecutionSample rec.jfr > rec.json
    python3 bench/peers/jfr_shares.py rec.json 'lambda$trades$7'

Prints the sample count, then the share of each method at the top of the stack (self) and anywhere in it
(inclusive). Used for bench/peers/profile.md: the peers bench runs several rows in one JVM, and the row's lambda
picks out one of them.
"""
import collections
import json
import sys


def main():
    recording = json.load(open(sys.argv[1]))
    key = sys.argv[2] if len(sys.argv) > 2 else ""
    top = collections.Counter()
    inclusive = collections.Counter()
    n = 0
    for event in recording["recording"]["events"]:
        frames = event["values"]["stackTrace"]["frames"]
        names = [f["method"]["type"]["name"].split(".")[-1] + "." + f["method"]["name"] for f in frames]
        if key and not any(key in name for name in names):
            continue
        n += 1
        top[names[0]] += 1
        for name in set(names):
            inclusive[name] += 1
    print("samples", n)
    print("-- self")
    for name, count in top.most_common(25):
        print(f"{count * 100 / n:5.1f}% {name}")
    print("-- inclusive")
    for name, count in inclusive.most_common(40):
        print(f"{count * 100 / n:5.1f}% {name}")


if __name__ == "__main__":
    main()
