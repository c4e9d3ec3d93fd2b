"""Rules about versions: pinned module sources, a required Terraform version, declared providers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hclrun.diagnostics import Diagnostic
from hclrun.lint.files import LintModule
from hclrun.modsources.detect import MaybeRelativePathError
from hclrun.modsources.source_address import (
    RegistrySource,
    RemoteSource,
    SourceAddressError,
    parse_source,
)
from hclrun.source import Pos, Range

# Revisions that name a moving branch rather than a release.
BRANCH_NAMES = frozenset({"main", "master", "develop", "development", "dev", "default", "trunk", "head"})
# Providers built into Terraform itself, which need no required_providers entry.
BUILTIN_PROVIDERS = frozenset({"terraform"})
_VERSION_IN_PATH = re.compile(r"(?:^|[/\-_=.])v?\d+\.\d+(?:\.\d+)?(?:$|[/\-_.?])")


def unpinned_module_sources(lint: LintModule) -> Iterator[Diagnostic]:
    for call in lint.module.module_calls.values():
        if not call.source or call.source_range is None:
            continue
        try:
            source = parse_source(call.source, call.version is not None)
        except (SourceAddressError, MaybeRelativePathError):
            continue  # validate and init report malformed sources
        if isinstance(source, RegistrySource):
            if call.version is None:
                yield Diagnostic.warning(
                    "Module version not pinned",
                    f'The module "{call.name}" comes from a module registry but has no version argument, so every '
                    "init may install a different release. Add a version constraint, for example: "
                    'version = "~> 1.2".',
                    call.source_range,
                )
        elif isinstance(source, RemoteSource):
            problem = _remote_problem(source)
            if problem is not None:
                yield Diagnostic.warning(
                    "Module source not pinned",
                    f'The source of module "{call.name}" {problem} Each init may then install different code.',
                    call.source_range,
                )


def _remote_problem(source: RemoteSource) -> str | None:
    """Why a remote source is not pinned (the rest of a sentence), or None."""
    getter = source.getter
    query = source.query
    if getter in ("git", "hg"):
        key = "ref" if getter == "git" else "rev"
        ref = query.get(key, "")
        if not ref:
            return f'has no "?{key}=" argument, so it follows the default branch. Pin a tag or a commit.'
        if ref.lower() in BRANCH_NAMES:
            return f'refers to "{ref}", which looks like a branch name. Pin a tag or a commit.'
        return None
    if source.archive_format() is not None or getter in ("s3", "gcs"):
        if "checksum" in query or "ref" in query or _VERSION_IN_PATH.search(source.url.partition("?")[0]):
            return None
        return "is an archive with no version in its address and no \"?checksum=\" argument. Pin its content."
    return None


def missing_required_version(lint: LintModule) -> Iterator[Diagnostic]:
    if lint.module.required_versions or not lint.files:
        return
    yield Diagnostic.warning(
        "Missing required_version",
        'This module does not say which Terraform versions it works with. Add a "required_version" argument '
        'to a terraform block, for example: required_version = ">= 1.5".',
        _terraform_block_range(lint),
    )


def _terraform_block_range(lint: LintModule) -> Range:
    """The first ``terraform`` block's keyword, else the start of main.tf (or of the first file)."""
    for file in lint.native_files:
        assert file.body is not None
        for block in file.body.blocks:
            if block.type == "terraform":
                return block.type_range
    names = [f.name for f in lint.files]
    name = next((n for n in names if n.rsplit("/", 1)[-1] == "main.tf"), names[0])
    return Range(name, Pos(1, 1, 0), Pos(1, 1, 0))


def missing_required_providers(lint: LintModule) -> Iterator[Diagnostic]:
    module = lint.module
    uses = [(config.name, config.decl_range) for config in module.providers.values()]
    uses += [(r.provider_local_name, r.provider_range or r.decl_range) for r in module.resources.values()]
    first_use: dict[str, Range] = {}
    for name, where in uses:
        if name not in first_use or _before(where, first_use[name]):
            first_use[name] = where
    for name, where in sorted(first_use.items(), key=lambda item: (item[1].filename, item[1].start.byte)):
        if name in module.required_providers or name in BUILTIN_PROVIDERS:
            continue
        yield Diagnostic.warning(
            f'Provider "{name}" has no required_providers entry',
            f'This module uses the provider "{name}" without declaring it in a required_providers block, so its '
            f'source is assumed to be "hashicorp/{name}" and any version is accepted. Declare it in '
            "terraform { required_providers { ... } } with a source and a version constraint.",
            where,
        )


def _before(a: Range, b: Range) -> bool:
    return (a.filename, a.start.byte) < (b.filename, b.start.byte)
