"""Feedback models: petitions and ratings (see the feedback issue)."""
