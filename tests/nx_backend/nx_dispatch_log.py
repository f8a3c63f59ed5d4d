"""pytest plugin: count what networkx's dispatcher did while its own test suite ran against the
impactgraph backend (``run_nx_suite.sh`` loads it with ``-p nx_dispatch_log``).

It listens to networkx's DEBUG dispatch log (logger ``networkx.utils.backends``) and counts, per
networkx function, the calls run by impactgraph ("Using backend 'impactgraph' for call to ...")
and the calls that fell back to networkx because impactgraph declined the arguments (with the
reason ``can_run`` gave). At the end it prints a table and, if ``NX_DISPATCH_REPORT`` names a
file, writes the counts there as JSON (the README's numbers come from that file).
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter, defaultdict

import pytest

BACKEND = "impactgraph"


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.dispatched: Counter[str] = Counter()
        self.fallback: Counter[str] = Counter()
        self.handed_back: Counter[str] = Counter()
        self.reasons: dict[str, Counter[str]] = defaultdict(Counter)
        self.current_test: str | None = None
        self.tests_dispatched: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.msg
        args = record.args if isinstance(record.args, tuple) else ()
        if not isinstance(msg, str) or len(args) < 2:
            return
        if msg.startswith("Using backend '%s' for call to '%s'") and args[0] == BACKEND:
            self.dispatched[str(args[1])] += 1
            if self.current_test:
                self.tests_dispatched.add(self.current_test)
        elif msg.startswith("Backend '%s' raised when calling '%s'") and args[0] == BACKEND:
            # the adapter raised NotImplementedError at run time; networkx ran instead
            self.handed_back[str(args[1])] += 1
            self.reasons[str(args[1])]["handed back at run time: " + str(args[2] if len(args) > 2 else "")] += 1
        elif msg.startswith("Backend '%s' can't run `%s` with arguments") and args[0] == BACKEND:
            reason = str(args[3]) if len(args) > 3 else ""
            self.fallback[str(args[1])] += 1
            self.reasons[str(args[1])][reason.removeprefix(", because: ")] += 1


_handler = _Counter()
_outcomes: Counter[str] = Counter()
_xfail_reasons: Counter[str] = Counter()


def pytest_configure(config):
    log = logging.getLogger("networkx.utils.backends")
    log.setLevel(logging.DEBUG)
    log.addHandler(_handler)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _handler.current_test = item.nodeid
    yield
    _handler.current_test = None


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        if hasattr(report, "wasxfail"):
            _outcomes["xfailed" if report.skipped else "xpassed"] += 1
            _xfail_reasons[str(report.wasxfail)] += 1
        else:
            _outcomes[report.outcome] += 1


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    h = _handler
    tr.section(f"networkx dispatch to {BACKEND}")
    tr.write_line(
        f"tests: {dict(_outcomes)}; tests that ran impactgraph code: {len(h.tests_dispatched)}; "
        f"calls run by impactgraph: {sum(h.dispatched.values()) - sum(h.handed_back.values())}; declined "
        f"by can_run (ran networkx): {sum(h.fallback.values())}; handed back at run time (ran networkx): "
        f"{sum(h.handed_back.values())}"
    )
    for name in sorted(set(h.dispatched) | set(h.fallback)):
        tr.write_line(
            f"  {name:40s} {h.dispatched[name] - h.handed_back[name]:6d} run  {h.fallback[name]:5d} declined"
            f"  {h.handed_back[name]:4d} handed back"
        )
        for reason, c in h.reasons[name].most_common():
            tr.write_line(f"      {c}x: {reason}")
    for reason, c in _xfail_reasons.most_common():
        tr.write_line(f"  xfail {c}x: {reason}")
    path = os.environ.get("NX_DISPATCH_REPORT")
    if path:
        with open(path, "w") as f:
            json.dump(
                {
                    "outcomes": dict(_outcomes),
                    "tests_dispatched": len(h.tests_dispatched),
                    "dispatched": {k: v - h.handed_back[k] for k, v in sorted(h.dispatched.items())},
                    "handed_back": dict(sorted(h.handed_back.items())),
                    "declined": dict(sorted(h.fallback.items())),
                    "declined_reasons": {k: dict(v) for k, v in sorted(h.reasons.items())},
                    "xfail_reasons": dict(_xfail_reasons),
                },
                f,
                indent=1,
            )
