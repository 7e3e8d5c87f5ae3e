"""rouei (漏えい): an offline terminal wizard for the first hours after a personal-data leak in Japan."""

import os

__version__ = "0.1.0"

# No pydantic plugins: one installed beside rouei (an observability plugin, say) would see every
# validated record and could send it somewhere, and looking for them scans every installed package.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

# The garbage collector's youngest generation collected every 100,000 allocations rather than 700:
# Textual makes and drops many short-lived objects for every frame (strips, their caches, styles), as
# pydantic does for every record read, and at Python's default the collector took about a quarter of
# the CPU of answering a question. Memory held in reference cycles waits a little longer; nothing else
# changes.
import gc  # noqa: E402

gc.set_threshold(100_000, *gc.get_threshold()[1:])
