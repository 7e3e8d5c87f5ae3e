"""rouei (漏えい): an offline terminal wizard for the first hours after a personal-data leak in Japan."""

import os

__version__ = "0.1.0"

# No pydantic plugins: one installed beside rouei (an observability plugin, say) would see every
# validated record and could send it somewhere, and looking for them scans every installed package.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
