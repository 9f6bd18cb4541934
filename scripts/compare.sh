#!/usr/bin/env bash
# Side-by-side comparison with Redis and a Netty baseline. Filled in by the benchmarking issue.
echo "compare: the side-by-side harness is not built yet (see the latency benchmarking issue)" >&2
exit 2
