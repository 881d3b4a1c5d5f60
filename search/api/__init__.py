"""The public search API."""
