"""Helpers the test tiers (and the benchmarks) share: plain functions and classes, no fixtures, no tests."""
