"""Meetings, competitions and their results (Event, EventUnion, Standing, Award): admin, pages and URLs."""
