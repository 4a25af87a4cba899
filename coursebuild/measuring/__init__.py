"""The runtime report's harness: the probe notebooks run in CPython and in each engine's Pyodide."""
