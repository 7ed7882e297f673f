"""Worker processes that end with the build that started them.

A build killed outright (SIGKILL, the machine's out-of-memory killer) cannot tell its pools' workers
to stop: a reader would wait on its work queue for ever, and a deriver would go on loading a store
that no build will publish.  So each worker watches the process that started it and exits as soon
as it is gone.
"""
from __future__ import annotations

import os
import threading
import time


def watched_by_this_process() -> dict:
    """The arguments that make a ``ProcessPoolExecutor``'s workers end with this process."""
    return {"initializer": exit_with_parent, "initargs": (os.getpid(),)}


def exit_with_parent(parent: int) -> None:
    """In a worker: exit when ``parent`` is gone, instead of waiting on its work queue for ever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
