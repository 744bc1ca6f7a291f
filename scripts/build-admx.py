"""Write the Group Policy / Intune templates for every setting: packaging/windows/admx/ledgerwatch.admx and
en-US/ledgerwatch.adml, from the settings model (run again when settings change; a test checks they match it).

`PYTHONPATH=src python scripts/build-admx.py`. Each setting is a policy in a category per section, for the
computer and the user (the computer's wins), writing the registry values ledgerwatch.policy.registry reads:
HKLM|HKCU\\SOFTWARE\\Policies\\ledgerwatch[\\<section>] value <key>. Booleans are DWORD 0/1, whole numbers
DWORDs, choices enumerations, lists REG_MULTI_SZ (multiText), everything else text (decimals, URLs, times).
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pydantic import BaseModel

from ledgerwatch import __version__, config

OUT = Path(__file__).resolve().parent.parent / "packaging" / "windows" / "admx"
KEY = r"Software\Policies\ledgerwatch"
NS = "ledgerwatch.Policies.ledgerwatch"


def settings() -> list[tuple[str, str, Any, Any]]:
    """(section, key, annotation, field info) for every setting, top-level ones in section ""."""
    out = []
    for name, info in config.Settings.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subinfo in annotation.model_fields.items():
                out.append((name, sub, subinfo.annotation, subinfo))
        else:
            out.append(("", name, annotation, info))
    return out


def ident(section: str, key: str) -> str:
    return "_".join(p for p in (section, key) if p)


def bounds(info: Any) -> tuple[int, int]:
    low, high = 0, 2_000_000_000
    for item in info.metadata:
        low = int(getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low)
        if getattr(item, "gt", None) is not None:
            low = int(item.gt) + 1
        if getattr(item, "le", None) is not None:
            high = int(item.le)
    return max(low, 0), high


def element(section: str, key: str, annotation: Any, info: Any) -> tuple[str, str, str]:
    """(the ADMX element, its ADML presentation control, the value kind) for one setting."""
    eid = ident(section, key)
    value = key
    label = f"{section}.{key}" if section else key
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is bool:
        return "", "", "boolean"
    if annotation is int:
        low, high = bounds(info)
        return (
            f'<decimal id="{eid}" valueName="{value}" minValue="{low}" maxValue="{high}" required="true" />',
            f'<decimalTextBox refId="{eid}" defaultValue="{info.default}">{escape(label)}</decimalTextBox>',
            "decimal",
        )
    if origin is typing.Literal:
        items = "".join(
            f'<item displayName="$(string.{eid}_{i})"><value><string>{escape(str(v))}</string></value></item>'
            for i, v in enumerate(args)
        )
        return (
            f'<enum id="{eid}" valueName="{value}" required="true">{items}</enum>',
            f'<dropdownList refId="{eid}" noSort="true">{escape(label)}</dropdownList>',
            "enum",
        )
    if origin is list:
        return (
            f'<multiText id="{eid}" valueName="{value}" />',
            f'<multiTextBox refId="{eid}">{escape(label)} (one per line)</multiTextBox>',
            "list",
        )
    return (
        f'<text id="{eid}" valueName="{value}" />',
        f'<textBox refId="{eid}"><label>{escape(label)}</label></textBox>',
        "text",
    )


def build() -> tuple[str, str]:
    policies, strings, presentations = [], [], []
    categories = ["ledgerwatch", *sorted({s for s, *_ in settings() if s})]
    for section, key, annotation, info in [*settings(), ("", "locked", list[str], None)]:
        eid = ident(section, key)
        regkey = KEY + (f"\\{section}" if section else "")
        category = f"cat_{section}" if section else "cat_ledgerwatch"
        xml, control, kind = element(section, key, annotation, info)
        default = "" if info is None else info.default if not callable(info.default_factory) else "[]"
        text = (info.description if info is not None else None) or {
            "locked": "settings locked without choosing their value (dotted names, one per line)"
        }.get(key, key.replace("_", " "))
        dotted = f"{section}.{key}" if section else key
        explain = f"{dotted}: {text}. Default: {default!s}. Enabled: the value below is locked for the user."
        if kind == "boolean":
            policies.append(
                f'<policy name="{eid}" class="Both" displayName="$(string.{eid})" explainText="$(string.{eid}_Help)" '
                f'key="{regkey}" valueName="{key}"><parentCategory ref="{category}" />'
                f'<supportedOn ref="SUPPORTED_LEDGERWATCH" /><enabledValue><decimal value="1" /></enabledValue>'
                f"<disabledValue><decimal value=\"0\" /></disabledValue></policy>"
            )
            explain = f"{dotted}: {text}. Default: {default!s}. Enabled: on; Disabled: off; both locked."
        else:
            policies.append(
                f'<policy name="{eid}" class="Both" displayName="$(string.{eid})" explainText="$(string.{eid}_Help)" '
                f'key="{regkey}" presentation="$(presentation.{eid})"><parentCategory ref="{category}" />'
                f'<supportedOn ref="SUPPORTED_LEDGERWATCH" /><elements>{xml}</elements></policy>'
            )
            presentations.append(f'<presentation id="{eid}">{control}</presentation>')
            if kind == "enum":
                for i, v in enumerate(typing.get_args(annotation)):
                    strings.append(f'<string id="{eid}_{i}">{escape(str(v) or "(none)")}</string>')
        strings.append(f'<string id="{eid}">{escape(dotted)}</string>')
        strings.append(f'<string id="{eid}_Help">{escape(explain)}</string>')
    cats = "".join(
        f'<category name="cat_{c}" displayName="$(string.cat_{c})"'
        + ("" if c == "ledgerwatch" else ' ><parentCategory ref="cat_ledgerwatch" /></category>')
        + (" />" if c == "ledgerwatch" else "")
        for c in categories
    )
    strings = [f'<string id="cat_{c}">{c}</string>' for c in categories] + [
        f'<string id="SUPPORTED_LEDGERWATCH">ledgerwatch {__version__} and later</string>'
    ] + strings
    admx = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<!-- ledgerwatch {__version__}: generated by scripts/build-admx.py from the settings model. -->\n"
        '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">\n'
        f'  <policyNamespaces><target prefix="ledgerwatch" namespace="{NS}" /></policyNamespaces>\n'
        '  <resources minRequiredRevision="1.0" />\n'
        '  <supportedOn><definitions><definition name="SUPPORTED_LEDGERWATCH" '
        'displayName="$(string.SUPPORTED_LEDGERWATCH)" /></definitions></supportedOn>\n'
        f"  <categories>{cats}</categories>\n"
        "  <policies>\n    " + "\n    ".join(policies) + "\n  </policies>\n</policyDefinitions>\n"
    )
    adml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">\n'
        "  <displayName>ledgerwatch</displayName>\n  <description>ledgerwatch managed policy</description>\n"
        "  <resources>\n    <stringTable>\n      " + "\n      ".join(strings) + "\n    </stringTable>\n"
        "    <presentationTable>\n      " + "\n      ".join(presentations) + "\n    </presentationTable>\n"
        "  </resources>\n</policyDefinitionResources>\n"
    )
    return admx, adml


def main() -> None:
    admx, adml = build()
    (OUT / "en-US").mkdir(parents=True, exist_ok=True)
    (OUT / "ledgerwatch.admx").write_text(admx, encoding="utf-8")
    (OUT / "en-US" / "ledgerwatch.adml").write_text(adml, encoding="utf-8")
    print(f"wrote {OUT / 'ledgerwatch.admx'} and en-US/ledgerwatch.adml")


if __name__ == "__main__":
    sys.exit(main())
