"""Coding as people read it elsewhere: the report's JSON and CSV, and the REFI-QDA
project (``.qdpx``) and codebook (``.qdc``) that QDA programs exchange."""
