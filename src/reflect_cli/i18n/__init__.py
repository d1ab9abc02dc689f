"""Languages: BCP 47 tags, fingerprints of source text, and the program's own words
through gettext. The lowest layer: it imports nothing of reflect's own, so every module
may use it."""
