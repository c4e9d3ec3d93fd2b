"""Address parsing and printing tables: every address prints back as it parses,
problems come back as Terraform's diagnostics, order is Terraform's."""

from __future__ import annotations

import pytest

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsProviderConfig,
    AbsResource,
    AbsResourceInstance,
    ModuleInstance,
    Resource,
    ResourceMode,
    builtin_provider,
    key_suffix,
    parse_abs_provider_config,
    parse_abs_resource,
    parse_abs_resource_instance,
    parse_module_instance,
    parse_provider_source,
    parse_target,
    quote_string,
    root_output,
)
from hclrun.addrs.parse import abs_resource_instance_from_steps
from hclrun.addrs.traversal import steps_from_traversal

ROUND_TRIP_TARGETS = [
    ("resource", "aws_instance.web", AbsResource),
    ("data", "data.x.y", AbsResource),
    ("ephemeral", "ephemeral.x.y", AbsResource),
    ("int key", "aws_instance.web[0]", AbsResourceInstance),
    ("negative-free big key", "aws_instance.web[123456]", AbsResourceInstance),
    ("string key", 'aws_instance.web["a b"]', AbsResourceInstance),
    ("escaped key", 'aws_instance.web["q\\"z\\\\"]', AbsResourceInstance),
    ("template-looking key", 'a.b["$${x}"]', AbsResourceInstance),
    ("module", "module.a", ModuleInstance),
    ("module with key", 'module.a["k"]', ModuleInstance),
    ("nested module", "module.a[0].module.b", ModuleInstance),
    ("resource in module", 'module.m["one"].terraform_data.in', AbsResource),
    ("instance in nested module", 'module.a[1].module.b["x"].data.t.n[3]', AbsResourceInstance),
    ("hyphenated names", "my-type.my-name", AbsResource),
]


@pytest.mark.parametrize(("name", "text", "kind"), ROUND_TRIP_TARGETS, ids=[r[0] for r in ROUND_TRIP_TARGETS])
def test_target_round_trip(name: str, text: str, kind: type) -> None:
    addr, diags = parse_target(text)
    assert not diags, [d.detail for d in diags]
    assert isinstance(addr, kind)
    assert str(addr) == text
    again, _ = parse_target(str(addr))
    assert again == addr and hash(again) == hash(addr)


def test_resource_keyword_prefix_and_normalised_key() -> None:
    addr, diags = parse_target("resource.module.x")
    assert not diags and str(addr) == "module.x"
    addr, _ = parse_target("a.b[2.0]")
    assert str(addr) == "a.b[2]"
    addr, _ = parse_target("a.b[1e2]")
    assert str(addr) == "a.b[100]"


# Wording checked against `terraform state list ADDR` (see the recording notes in the state tests).
INVALID = [
    ("unclosed bracket", "a.b[", "Index value required", "Index brackets must contain either a literal number or a literal string."),
    ("bare name", "a", "Invalid address", "Resource specification must include a resource type and name."),
    ("fractional key", "a.b[1.5]", "Invalid address", "Invalid resource instance key: value must be a whole number, between -9223372036854775808 and 9223372036854775807."),
    ("negative key", "a.b[-1]", "Index value required", "Index brackets must contain either a literal number or a literal string."),
    ("attribute after name", "a.b.c", "Invalid address", "Resource instance key must be given in square brackets."),
    ("bool key", "a.b[true]", "Index value required", "Index brackets must contain either a literal number or a literal string."),
    ("splat", "a.b[*]", "Attribute name required", "Splat expressions ([*]) may not be used here."),
    ("module without name", "module", "Invalid address operator", 'Prefix "module." must be followed by a module name.'),
    ("leading digit", "1a.b", "Variable name required", "Must begin with a variable name."),
    ("unclosed string key", 'a.b["x"', "Unclosed index brackets", "Index key must be followed by a closing bracket."),
    ("space", "a b", "Invalid character", "Expected an attribute access or an index operator."),
    ("data without name", "data.x", "Invalid address", "Resource specification must include a resource type and name."),
    ("reserved", "var.x", "Invalid address", 'The keyword "var" is reserved and cannot be used to target a resource address. If you are targeting a resource type that uses a reserved keyword, please prefix your address with "resource.".'),
    ("template key", 'a.b["${x}"]', "Invalid string literal", 'Template sequences are not allowed in this string. To include a literal "$", double it (as "$$") to escape it.'),
    ("junk after key", "a.b[0]junk", "Invalid character", "Expected an attribute access or an index operator."),
    ("two keys", "a.b[0][1]", "Invalid address", "Unexpected extra operators after address."),
    ("empty", "", "Variable name required", "Must begin with a variable name."),
]


@pytest.mark.parametrize(("name", "text", "summary", "detail"), INVALID, ids=[r[0] for r in INVALID])
def test_invalid_targets(name: str, text: str, summary: str, detail: str) -> None:
    addr, diags = parse_target(text)
    assert addr is None
    assert [(d.summary, d.detail) for d in diags][:1] == [(summary, detail)]
    assert diags[0].subject is not None


def test_diagnostic_ranges_are_tight() -> None:
    _, diags = parse_target("a.b[1.5]")
    rng = diags[0].subject
    assert rng is not None and (rng.start.column, rng.end.column) == (4, 9)


MODULE_INSTANCES = [
    ("root", "", ()),
    ("one", "module.a", (("a", None),)),
    ("keys", 'module.a["k"].module.b[2]', (("a", "k"), ("b", 2))),
]


@pytest.mark.parametrize(("name", "text", "steps"), MODULE_INSTANCES, ids=[r[0] for r in MODULE_INSTANCES])
def test_module_instances(name: str, text: str, steps: tuple[tuple[str, object], ...]) -> None:
    addr, diags = parse_module_instance(text)
    assert not diags and addr is not None
    assert tuple((s.name, s.key) for s in addr.steps) == steps
    assert str(addr) == text


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("aws_instance.x", 'A module instance address must begin with "module.".'),
        ("module.a.aws_instance.x", "The module instance address is followed by additional invalid content."),
    ],
)
def test_invalid_module_instances(text: str, detail: str) -> None:
    addr, diags = parse_module_instance(text)
    assert addr is None
    assert [(d.summary, d.detail) for d in diags] == [("Invalid module instance address", detail)]


PROVIDER_CONFIGS = [
    ("root", 'provider["registry.terraform.io/hashicorp/null"]'),
    ("alias", 'provider["registry.terraform.io/hashicorp/aws"].east'),
    ("in module", 'module.a.provider["terraform.io/builtin/terraform"]'),
    ("nested module alias", 'module.a.module.b.provider["example.com/ns/x"].y'),
]


@pytest.mark.parametrize(("name", "text"), PROVIDER_CONFIGS, ids=[r[0] for r in PROVIDER_CONFIGS])
def test_provider_configs(name: str, text: str) -> None:
    addr, diags = parse_abs_provider_config(text)
    assert not diags and addr is not None
    assert str(addr) == text


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('module.a[0].provider["x/y"]', "Provider address cannot contain module indexes"),
        ("aws_instance.x", 'Provider address must begin with "provider.", followed by a provider type name.'),
        ("provider.aws", 'The prefix "provider." must be followed by a provider type name.'),
        ('provider["a/b"].x.y', "Extraneous operators after provider configuration alias."),
        ('provider["a/b"][0]', "Provider type name must be followed by a configuration alias name."),
    ],
)
def test_invalid_provider_configs(text: str, detail: str) -> None:
    addr, diags = parse_abs_provider_config(text)
    assert addr is None
    assert [(d.summary, d.detail) for d in diags] == [("Invalid provider configuration address", detail)]


def test_provider_sources() -> None:
    assert str(parse_provider_source("hashicorp/null")) == "registry.terraform.io/hashicorp/null"
    assert str(parse_provider_source("null")) == "registry.terraform.io/hashicorp/null"
    assert str(parse_provider_source("Example.COM/NS/Type")) == "example.com/ns/type"
    assert parse_provider_source("a//b") is None
    assert builtin_provider("terraform").is_builtin
    assert parse_provider_source("hashicorp/aws").for_display() == "hashicorp/aws"  # type: ignore[union-attr]
    assert str(AbsProviderConfig(builtin_provider("terraform"))) == 'provider["terraform.io/builtin/terraform"]'


QUOTES = [
    ("plain", "abc", '"abc"'),
    ("empty", "", '""'),
    ("quote and backslash", 'a"b\\c', '"a\\"b\\\\c"'),
    ("whitespace escapes", "a\nb\rc\td", '"a\\nb\\rc\\td"'),
    ("template sequences doubled", "${x}%{y}$z", '"$${x}%%{y}$z"'),
    ("control", "\x01", '"\\u0001"'),
    ("zero width space", "\u200b", '"\\u200b"'),
    ("astral non-printable", "\U000e0001", '"\\U000e0001"'),
    ("printable unicode kept", "é日本😀", '"é日本😀"'),
]


@pytest.mark.parametrize(("name", "key", "quoted"), QUOTES, ids=[r[0] for r in QUOTES])
def test_quote_string(name: str, key: str, quoted: str) -> None:
    assert quote_string(key) == quoted
    addr, diags = parse_target(f"a.b[{quoted}]")
    if "\\U" not in quoted:
        assert not diags and isinstance(addr, AbsResourceInstance) and addr.resource.key == key


def test_key_suffix() -> None:
    assert key_suffix(None) == "" and key_suffix(3) == "[3]" and key_suffix("x") == '["x"]'


def test_state_list_order() -> None:
    texts = [
        'module.m["one"].terraform_data.in',
        "terraform_data.e[\"x\"]",
        "terraform_data.c[10]",
        "data.z.z",
        "terraform_data.c[2]",
        "module.a[1].x.y",
        "terraform_data.a",
        "module.a[0].x.y",
        "module.a[0].module.b.x.y",
        'terraform_data.e["a b"]',
    ]
    addrs = []
    for t in texts:
        a, _ = parse_abs_resource_instance(t)
        assert a is not None
        addrs.append(a)
    ordered = [str(a) for a in sorted(addrs, key=AbsResourceInstance.sort_key)]
    assert ordered == [
        "data.z.z",
        "terraform_data.a",
        "terraform_data.c[2]",
        "terraform_data.c[10]",
        'terraform_data.e["a b"]',
        'terraform_data.e["x"]',
        "module.a[0].x.y",
        "module.a[1].x.y",
        'module.m["one"].terraform_data.in',
        "module.a[0].module.b.x.y",
    ]


def test_addresses_are_hashable_and_compose() -> None:
    res = Resource(ResourceMode.MANAGED, "t", "n")
    inst = res.absolute(ROOT_MODULE_INSTANCE.child("m", "k")).instance(0)
    assert str(inst) == 'module.m["k"].t.n[0]'
    assert {inst: 1}[inst] == 1
    assert str(inst.containing_resource().config()) == "module.m.t.n"
    assert str(root_output("x")) == "output.x"
    dep, diags = parse_abs_resource("module.a.t.n")
    assert dep is not None and not diags
    bad, diags = parse_abs_resource("t.n[0]")
    assert bad is None and diags[0].summary == "Resource instance keys not allowed"


def test_from_configuration_traversal() -> None:
    from hclrun.syntax.parser import parse_traversal

    traversal, diags = parse_traversal('module.a["k"].t.n[1]')
    assert traversal is not None and not diags
    addr, diags = abs_resource_instance_from_steps(steps_from_traversal(traversal))
    assert str(addr) == 'module.a["k"].t.n[1]' and not diags
