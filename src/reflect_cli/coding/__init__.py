"""Qualitative coding: passages (what one person said, addressed), the codebook, each
coder's codings, the coding loop, and what the coding says (counts and agreement).

Pure of drawing: it reads and writes its own files in the sessions folder through
``records/`` (the one YAML reader, the one atomic writer) and never imports ``ui/``.
"""
