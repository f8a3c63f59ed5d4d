"""(placeholder: filled in by this family's own change)."""

from __future__ import annotations

__all__: list[str] = []
