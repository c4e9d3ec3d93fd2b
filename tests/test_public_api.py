"""The public API: every name in __all__ resolves, and nothing private leaks."""

import hclrun


def test_every_exported_name_resolves() -> None:
    for name in hclrun.__all__:
        assert getattr(hclrun, name) is not None, name


def test_unknown_attribute_raises() -> None:
    import pytest

    with pytest.raises(AttributeError):
        _ = hclrun.no_such_thing  # type: ignore[attr-defined]
