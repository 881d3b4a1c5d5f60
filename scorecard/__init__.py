"""Decision 766/QĐ-TTg's index of service to citizens and businesses.

The national portal scores each province and each unit on six groups (100
points); this app computes, from the portal's own events, each sub-indicator
it has data for, with its formula and source, and says "no data" for the rest
(``indicators.py``). It reads the catalogue, the dossiers and the petitions,
so it stands above those apps and below ``portal/``.
"""
