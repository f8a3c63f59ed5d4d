#!/usr/bin/env bash
# networkx's own tests (shipped inside the networkx package) run against the impactgraph
# backend: every call of a function impactgraph implements goes through impactgraph (graphs
# converted, results converted back and checked for numpy scalars by networkx's test harness);
# everything else, and calls whose arguments impactgraph declines (can_run), runs networkx.
# Extra arguments go to pytest; NX_DISPATCH_REPORT=file.json saves the dispatch counts;
# NX_SUITE_MODULES="networkx.algorithms.link_analysis ..." runs only those test modules.
set -euo pipefail
cd "$(dirname "$0")"
export NETWORKX_TEST_BACKEND=impactgraph NETWORKX_FALLBACK_TO_NX=True
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
cd /tmp
MODULES=(
    networkx.algorithms.centrality
    networkx.algorithms.link_analysis
    networkx.algorithms.community
    networkx.algorithms.components
    networkx.algorithms.bipartite
    networkx.algorithms.tests.test_core
    networkx.algorithms.tests.test_cluster
    networkx.algorithms.tests.test_structuralholes
)
if [ -n "${NX_SUITE_MODULES:-}" ]; then
    read -r -a MODULES <<< "$NX_SUITE_MODULES"
fi
exec python -m pytest -q -p no:cacheprovider -p no:logging -p nx_dispatch_log \
    --pyargs "${MODULES[@]}" "$@"
