"""cba-xl: Cluster Booster Academy workbooks, checked, filled, presented and consolidated."""

from __future__ import annotations

__version__ = "0.1.0"
