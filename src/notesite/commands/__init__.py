"""What the commands do, apart from their command line (`cli/` holds the thin click wrappers)."""
