"""Whether this process may fork a helper now: the one rule the crawl's extraction workers and the publish's helpers
share."""

from __future__ import annotations

import os
import sys
import threading


def can_fork() -> bool:
    """Linux, a spare core, and no other thread (a fork copies no other thread, nor frees the locks one may hold)."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
