"""The load stage: a notes repository's files found, read as text and parsed with positions.

Nothing here judges the content: `validate/` does, from what these modules return.
"""
