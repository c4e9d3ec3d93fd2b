"""Module sources and the module installer.

Owns everything ``init`` needs to fetch the modules a configuration calls:
parsing ``source`` addresses (``source_address``), version constraints
(``versions``), fetching from git, archives and module registries
(``fetch_git``, ``fetch_archive``, ``registry_client``), Terraform's
``.terraform/modules/modules.json`` (``manifest``), the module lock
(``lockfile``) and the recursive installer (``installer``).
"""

from __future__ import annotations
