"""Check reports as text, JSON or GitHub workflow commands."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from zhenggai.checks.report import CheckReport
from zhenggai.findings import Finding
from zhenggai.messages import Language
from zhenggai.render.context import JSON_SCHEMA_VERSION
from zhenggai.safetext import block, inline, no_command_start


def _exact_path(prefix: str, finding: Finding) -> str:
    """The finding's path as JSON gives it: exact."""
    return f"{prefix}/{finding.path}" if prefix else finding.path


def _display_path(prefix: str, finding: Finding) -> str:
    """The finding's path as text shows it: one line, control characters visible (a
    file name is user text too)."""
    return inline(_exact_path(prefix, finding))


def format_text(report: CheckReport, prefix: str, language: Language = "en") -> str:
    """``path:line:col: severity: message [check-id]`` lines, as a compiler writes them."""
    return format_findings(report.findings, prefix, language)


def format_findings(findings: Iterable[Finding], prefix: str, language: Language = "en") -> str:
    """Each finding on its line, with an indented ``hint:`` line where a fix is known;
    messages and hints in ``language`` where the catalogs have them."""
    lines = []
    for finding in findings:
        lines.append(format_finding(finding, prefix, language))
        hint = finding.in_language(language)[1]
        if hint:
            lines.append(f"    {_HINT[language]}{inline(hint)}")
    return "".join(line + "\n" for line in lines)


#: The word before a hint, and each severity, as a compiler writes them in each language.
_HINT = {"en": "hint: ", "zh": "提示："}
_SEVERITY = {
    "en": {"error": "error", "warning": "warning"},
    "zh": {"error": "错误", "warning": "警告"},
}


def format_finding(finding: Finding, prefix: str, language: Language = "en") -> str:
    """One line, whatever the message and path hold: a newline from user text must not
    start a fake finding, nor a file named ``::error …`` a CI command."""
    message = finding.in_language(language)[0]
    return no_command_start(
        f"{_display_path(prefix, finding)}:{finding.line}:{finding.column}: "
        f"{finding.severity}: {inline(message)} [{finding.check}]"
    )


def format_json(report: CheckReport, prefix: str, language: Language = "en") -> str:
    """A stable JSON document; keys are documented in the README. Messages in English
    whatever the language: it is read by programs."""
    del language
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
                "path": _exact_path(prefix, f),
                "line": f.line,
                "column": f.column,
                "task": f.task,
                "message": f.message,
                "hint": f.hint,
            }
            for f in report.findings
        ],
    }
    import json  # only for this format

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport, prefix: str, language: Language = "en") -> str:
    """GitHub Actions workflow commands: one annotation per finding.

    Everything from the ledger is escaped, so a title holding ``::`` or a
    newline cannot issue a workflow command of its own.
    """
    lines = []
    for f in report.findings:
        # Newlines are %0A-escaped below; every other control character shown as text.
        said, hint = f.in_language(language)
        message = block(said) + (f"\n{_HINT[language]}{block(hint)}" if hint else "")
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


_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def format_gitlab(report: CheckReport, prefix: str, language: Language = "en") -> str:
    """GitLab Code Quality JSON (the `codequality` report artifact).

    Each finding's fingerprint hashes its check, file, task and message with the
    numbers taken out, so "overdue by 31 days" today and "by 32 days" tomorrow
    are the same issue to GitLab, and a merge request shows only what it changed.
    """
    issues = []
    seen: dict[str, int] = {}
    for f in report.findings:
        stable = re.sub(r"\d+", "#", f.message)
        key = "\0".join((f.check, f.path, f.task or "", stable))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        raw = f"{key}\0{occurrence}".encode(errors="surrogatepass")  # a name not in UTF-8
        fingerprint = hashlib.sha256(raw).hexdigest()
        said, hint = f.in_language(language)
        issues.append(
            {
                "description": said + (f" ({_HINT[language]}{hint})" if hint else ""),
                "check_name": f.check,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[f.severity],
                "location": {"path": _exact_path(prefix, f), "lines": {"begin": f.line}},
            }
        )
    import json  # only for this format

    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def format_junit(report: CheckReport, prefix: str, language: Language = "en") -> str:
    """JUnit XML: one test case per check per file, failing on its errors.

    Warnings do not fail a pipeline, so they go to the case's system-out.
    """
    from xml.sax.saxutils import escape, quoteattr

    # Every value is made one line with its control characters shown as escapes
    # (`inline`): XML 1.0 has no way to hold them, not even as character references.

    by_case: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        by_case.setdefault((f.check, f.path), []).append(f)
    paths = sorted(set(report.paths) | {f.path for f in report.findings})
    cases = []
    failures = 0
    for check in report.checks:
        for path in paths:
            found = by_case.get((check, path), [])
            errors = [f for f in found if f.severity == "error"]
            warnings = [f for f in found if f.severity == "warning"]
            shown = inline(f"{prefix}/{path}" if prefix else path)
            body = ""
            if errors:
                failures += 1
                text = "\n".join(format_finding(f, prefix, language) for f in errors)
                first = errors[0].in_language(language)[0]
                body += (
                    f"<failure message={quoteattr(inline(first))} "
                    f'type="{check}">{escape(text)}</failure>'
                )
            if warnings:
                text = "\n".join(format_finding(f, prefix, language) for f in warnings)
                body += f"<system-out>{escape(text)}</system-out>"
            attrs = f"classname={quoteattr(check)} name={quoteattr(shown)}"
            cases.append(
                f"    <testcase {attrs}>{body}</testcase>" if body else f"    <testcase {attrs}/>"
            )
    header = (
        f'  <testsuite name="zhenggai check" tests="{len(cases)}" failures="{failures}" '
        f'errors="0" skipped="0" timestamp="{report.today.isoformat()}">'
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="zhenggai" tests="{len(cases)}" failures="{failures}">',
        header,
        *cases,
        "  </testsuite>",
        "</testsuites>",
    ]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[CheckReport, str, Language], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "gitlab": format_gitlab,
    "junit": format_junit,
}
