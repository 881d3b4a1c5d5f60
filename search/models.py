"""Search app models (the zero-result query log and synonyms come here)."""
