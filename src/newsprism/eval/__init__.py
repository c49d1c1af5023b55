"""Evaluation runners: datasets, metrics and `newsprism eval ...`."""
