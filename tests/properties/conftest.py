"""Hypothesis profiles for the property tests.

``dev`` (the default) draws fresh examples on every run; ``ci`` (selected
when ``CI=true``) is derandomised so a failure in CI reproduces exactly.
Neither has a deadline: the machines running these are often loaded, and a
slow example is not a wrong one. Each test sets its own ``max_examples``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("dev", deadline=None, suppress_health_check=_RELAXED)
settings.register_profile("ci", deadline=None, suppress_health_check=_RELAXED, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
