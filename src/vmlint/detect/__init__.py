"""Detectors: each finds one kind of fact in a draft. The document model calls them once."""
