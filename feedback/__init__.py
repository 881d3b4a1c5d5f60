"""Complaints, petitions (PAKN) and satisfaction ratings."""
