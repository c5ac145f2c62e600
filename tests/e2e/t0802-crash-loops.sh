#!/usr/bin/env bash
# kill -9 at random moments: 12 runs of `feeds update` against feeds on
# 127.0.0.1 and 12 of a batch export with captions (sometimes --force,
# sometimes the whole process group, sometimes only herald's first
# process).  After each kill the database passes integrity_check and keeps
# every subscription and read mark, and no file under a final name is
# half-written; the next run completes.  bench/crashloop runs 200 + 200.
. "$TESTLIB/test-lib.sh"
seed=${CRASHLOOP_SEED:-$(( $(date +%s) % 100000 ))}
echo "seed $seed (CRASHLOOP_SEED=$seed repeats it)"
if python3 "$TESTLIB/crashloop.py" "$HERALD" "$T/loop" --feeds 12 --export 12 \
        --seed "$seed"; then
    ok
else
    fail "the crash loop broke a promise (seed $seed)"
fi
finish
