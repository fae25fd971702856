"""The derive stage: every number and status a page, packet, report or JSON shows."""
