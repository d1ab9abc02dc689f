"""reflect: a command-line guide for facilitated partnership reflection."""

__version__ = "0.1.0"
