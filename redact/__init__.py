"""redact: the Woo anonymisation batch processor."""

from __future__ import annotations

__version__ = "0.1.0"
