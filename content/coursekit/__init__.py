"""Shared helpers of the course's lessons: runtime facts, simulated workloads, timelines, checks.

Lessons import it from the folder they run in, so it works unchanged in CPython and in the
site's Pyodide kernel, with no install step.
"""
