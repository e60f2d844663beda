"""Demo content for `manage.py load_demo`, one module per concept.

Everything here is invented for demonstration (people, companies, quotes and
figures); only the names of the union federations and a few well-known groups
are real. Times are offsets from today, so the demo always looks fresh.
"""
