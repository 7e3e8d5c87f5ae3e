"""rouei (漏えい): an offline terminal wizard for the first hours after a personal-data leak in Japan."""

__version__ = "0.1.0"
