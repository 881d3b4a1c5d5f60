"""Open311 GeoReport v2 over the petitions (feedback app).

Civic apps that speak Open311 list the kinds of petition as services, file
petitions with an API key and follow them by their tracking codes. Stands on
feedback, catalogue and core; nothing imports it but ``portal``.
"""
