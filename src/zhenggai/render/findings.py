"""Check reports as text, JSON or GitHub workflow commands."""

from __future__ import annotations

import json
from collections.abc import Callable

from zhenggai.checks.runner import CheckReport
from zhenggai.findings import Finding

#: Bumped when a key of the JSON output changes meaning or disappears.
JSON_SCHEMA_VERSION = 1


def _display_path(prefix: str, finding: Finding) -> str:
    return f"{prefix}/{finding.path}" if prefix else finding.path


def format_text(report: CheckReport, prefix: str) -> str:
    """``path:line:col: severity: message [check-id]`` lines, as a compiler writes them."""
    lines = []
    for finding in report.findings:
        lines.append(format_finding(finding, prefix))
        if finding.hint:
            lines.append(f"    hint: {finding.hint}")
    return "".join(line + "\n" for line in lines)


def format_finding(finding: Finding, prefix: str) -> str:
    # A message is one line; a newline from user text must not start a fake finding.
    message = " ".join(finding.message.splitlines())
    return (
        f"{_display_path(prefix, finding)}:{finding.line}:{finding.column}: "
        f"{finding.severity}: {message} [{finding.check}]"
    )


def format_json(report: CheckReport, prefix: str) -> str:
    """A stable JSON document; keys are documented in the README."""
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "as_of": report.today.isoformat(),
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "files": report.files,
            "checks": list(report.checks),
        },
        "findings": [
            {
                "check": f.check,
                "severity": f.severity,
                "path": _display_path(prefix, f),
                "line": f.line,
                "column": f.column,
                "task": f.task,
                "message": f.message,
                "hint": f.hint,
            }
            for f in report.findings
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport, prefix: str) -> str:
    """GitHub Actions workflow commands: one annotation per finding.

    Everything from the ledger is escaped, so a title holding ``::`` or a
    newline cannot issue a workflow command of its own.
    """
    lines = []
    for f in report.findings:
        message = f.message + (f"\nhint: {f.hint}" if f.hint else "")
        properties = ",".join(
            [
                f"file={_escape_property(_display_path(prefix, f))}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape_property(f.check)}",
            ]
        )
        lines.append(f"::{f.severity} {properties}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


FORMATS: dict[str, Callable[[CheckReport, str], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
