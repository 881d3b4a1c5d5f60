"""Settings package: ``base`` reads the environment; ``dev``, ``test`` and
``production`` adjust it for where the portal runs."""
