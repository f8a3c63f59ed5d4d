"""Turn a pytest-benchmark JSON file into the README's markdown table of times and ratios.

Usage: ``python benches/report.py out.json`` — one row per benchmark group, the minimum time
of each library, and each peer's time divided by impactgraph's (higher is better for us).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

ORDER = ["impactgraph", "networkx", "igraph", "networkit", "rustworkx"]


def main(path: str) -> None:
    data = json.load(open(path))
    times: dict[str, dict[str, float]] = defaultdict(dict)
    for b in data["benchmarks"]:
        times[b["group"]][b["params"]["backend"]] = b["stats"]["min"]
    info = data.get("machine_info", {})
    print(f"Machine: {info.get('cpu', {}).get('brand_raw', '?')}, {info.get('cpu', {}).get('count', '?')} cores; "
          f"{data.get('datetime', '')[:10]}")
    print()
    print("| kernel | " + " | ".join(ORDER) + " |")
    print("|---" * (len(ORDER) + 1) + "|")
    for group, row in times.items():
        base = row.get("impactgraph")
        cells = []
        for lib in ORDER:
            t = row.get(lib)
            if t is None:
                cells.append("—")
            elif lib == "impactgraph" or base is None:
                cells.append(f"{t * 1e3:.1f} ms")
            else:
                cells.append(f"{t * 1e3:.1f} ms ({t / base:.1f}×)")
        print(f"| {group} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
