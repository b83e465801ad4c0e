#!/bin/bash
# Runs inside LocalStack once it is ready: the stream, buckets and secrets the app and its tests expect.
set -euo pipefail
awslocal kinesis create-stream --stream-name perpwatch-events --shard-count 2 || true
awslocal kinesis wait stream-exists --stream-name perpwatch-events
awslocal s3 mb s3://perpwatch-archive || true
awslocal s3 mb s3://perpwatch-web || true
awslocal secretsmanager create-secret --name perpwatch-local-redis-auth --secret-string local-redis-token || true
awslocal secretsmanager create-secret --name perpwatch-local-helius-auth --secret-string "Bearer perpwatch-local" || true
echo "perpwatch: stream, buckets and secrets ready"
