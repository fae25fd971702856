"""The render stage: facts in, page bytes out."""
