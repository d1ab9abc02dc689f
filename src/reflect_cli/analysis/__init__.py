"""Rollups across sessions for the evaluator: periods, trends, disagreement. Pure: plain
data in, typed results out, no reading or writing of files and no drawing."""
