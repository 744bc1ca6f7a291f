"""The Group Policy / Intune templates: well-formed, complete, and writing what the registry reader reads."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ledgerwatch import config
from ledgerwatch.policy.registry import POLICY_KEY

ROOT = Path(__file__).resolve().parent.parent
ADMX = ROOT / "packaging" / "windows" / "admx" / "ledgerwatch.admx"
ADML = ROOT / "packaging" / "windows" / "admx" / "en-US" / "ledgerwatch.adml"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def test_admx_and_adml_are_well_formed_policy_definitions() -> None:
    """Both files parse as XML in the PolicyDefinitions namespace with their expected roots."""
    admx, adml = ET.parse(ADMX).getroot(), ET.parse(ADML).getroot()
    assert admx.tag == f"{{{NS['p']}}}policyDefinitions"
    assert adml.tag == f"{{{NS['p']}}}policyDefinitionResources"


def test_every_reference_in_the_admx_resolves_in_the_adml() -> None:
    """Each $(string.X) and $(presentation.X) exists in the ADML, and each element has its control (refId)."""
    text = ADMX.read_text(encoding="utf-8")
    adml = ET.parse(ADML).getroot()
    strings = {s.get("id") for s in adml.iterfind(".//p:stringTable/p:string", NS)}
    presentations = {p.get("id"): p for p in adml.iterfind(".//p:presentationTable/p:presentation", NS)}
    assert set(re.findall(r"\$\(string\.([A-Za-z0-9_]+)\)", text)) <= strings
    assert set(re.findall(r"\$\(presentation\.([A-Za-z0-9_]+)\)", text)) <= set(presentations)
    for policy in ET.parse(ADMX).getroot().iterfind(".//p:policies/p:policy", NS):
        elements = policy.find("p:elements", NS)
        if elements is None:
            continue
        refs = {c.get("refId") for c in presentations[policy.get("name", "")]}
        assert {e.get("id") for e in elements} <= refs, policy.get("name")


def test_every_setting_has_a_policy_writing_the_value_the_reader_reads() -> None:
    """One policy per setting (and `locked`), for computer and user, at SOFTWARE\\Policies\\ledgerwatch[\\section]
    with the key's own name as value: exactly where ledgerwatch.policy.registry looks."""
    found = {}
    for policy in ET.parse(ADMX).getroot().iterfind(".//p:policies/p:policy", NS):
        assert policy.get("class") == "Both"
        key = policy.get("key", "")
        assert key.lower().startswith(POLICY_KEY.lower())
        section = key[len(POLICY_KEY) :].strip("\\")
        names = [policy.get("valueName")] + [e.get("valueName") for e in policy.iterfind("p:elements/*", NS)]
        (name,) = [n for n in names if n]
        found[f"{section}.{name}" if section else name] = policy
    assert set(found) == set(config.known_keys()) | {"locked"}
    assert found["ai.enabled"].find("p:enabledValue/p:decimal", NS) is not None
    assert found["capture.excluded_apps"].find("p:elements/p:multiText", NS) is not None
    assert found["capture.retention_days"].find("p:elements/p:decimal", NS).get("minValue") == "1"  # type: ignore[union-attr]


def test_templates_are_up_to_date_with_the_settings_model() -> None:
    """The committed templates are what scripts/build-admx.py makes now (run it after changing settings)."""
    spec = importlib.util.spec_from_file_location("build_admx", ROOT / "scripts" / "build-admx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    admx, adml = module.build()
    assert ADMX.read_text(encoding="utf-8") == admx, "run: PYTHONPATH=src python scripts/build-admx.py"
    assert ADML.read_text(encoding="utf-8") == adml, "run: PYTHONPATH=src python scripts/build-admx.py"
