"""Diffusion: how an innovation spreads through the network, and where to seed it.

Monte-Carlo models (independent cascade, linear threshold, fractional-threshold contagion,
SIR, SIS) run their simulations in parallel in the Rust core; simulation ``s`` draws from its
own random stream derived from ``seed``, so a result is the same on any number of threads.
Influence maximisation picks seed sets (CELF greedy, IMM reverse-reachable sets).
"""

from __future__ import annotations

# ---- models -----------------------------------------------------------------------------------

_MODELS: list[str] = []

# ---- end of models ----------------------------------------------------------------------------

# (keep these lines: they separate the two sections so that both can change independently)

# ---- influence maximisation -------------------------------------------------------------------

_INFLUENCE: list[str] = []

# ---- end of influence maximisation ------------------------------------------------------------

__all__ = _MODELS + _INFLUENCE
