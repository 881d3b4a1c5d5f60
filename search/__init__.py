"""Public procedure search on OpenSearch (the only app that talks to the engine)."""
