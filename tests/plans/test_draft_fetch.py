"""`plancompare draft https://…`: the page or PDF fetched from a local http.server (never the
internet), its text saved beside the plans with its address, day and sha256 in plan.source, and
every failure (404, refused connection, timeout, too big, not a plan) one line naming the address."""

from __future__ import annotations

import datetime
import hashlib
import http.server
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import REPO
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.plans import draft_source
from plancompare.plans.draft_fetch import fetch_source, is_url
from plancompare.plans.loader import load_plan

spec = importlib.util.spec_from_file_location("source_formats", REPO / "scripts" / "source_formats.py")
source_formats = importlib.util.module_from_spec(spec)
sys.modules["source_formats"] = source_formats
spec.loader.exec_module(source_formats)

PLAN_TEXT = (REPO / "tests" / "fixtures" / "draft" / "eastbrook.txt").read_text(encoding="utf-8")
PDF = source_formats.to_pdf(PLAN_TEXT, "Eastbrook Council Plan 2025-2029")
PAGE = source_formats.to_html(PLAN_TEXT, "Eastbrook Council Plan 2025-2029 | Eastbrook Borough Council").encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        routes = {"/plan.pdf": (PDF, "application/pdf"), "/plan": (PAGE, "text/html; charset=utf-8"),
                  "/empty-page": (b"<html><body><nav>Home</nav></body></html>", "text/html")}
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/plan.pdf")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        body, content_type = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout and size tests) is expected, not news for stderr


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_pdf_is_fetched_read_and_recorded(server: str) -> None:
    fetched = fetch_source(f"{server}/moved")  # a redirect is followed
    assert fetched.url == f"{server}/plan.pdf" and fetched.retrieved == datetime.date.today()
    assert fetched.text.original_format == "pdf" and fetched.text.sha256 == hashlib.sha256(PDF).hexdigest()
    assert "We will plant 5,000 trees by 2027." in fetched.text


def test_a_page_is_read_by_its_content_type_without_its_furniture(server: str) -> None:
    text = fetch_source(f"{server}/plan").text
    assert text.original_format == "html" and text.document_title.startswith("Eastbrook Council Plan 2025-2029")
    assert "cookies" not in text and "Council tax" not in text and "dataLayer" not in text


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "the server answered 404 Not Found (check the address in a browser)"),
    ("/empty-page", "is an HTML page with no text outside its menus, scripts and styles (give the page of the plan itself)"),
])
def test_fetch_failures_are_one_line_naming_the_address(server: str, path: str, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        fetch_source(f"{server}{path}")
    assert str(raised.value) == f"{server}{path}: {message}"


def test_a_slow_server_times_out_and_a_closed_port_is_refused(server: str) -> None:
    with pytest.raises(InvalidInput, match=r"/slow: (timed out after 0.5 s|could not be fetched: timed out)"):
        fetch_source(f"{server}/slow", timeout=0.5)
    with pytest.raises(InvalidInput, match=r"^http://127\.0\.0\.1:9/plan: could not be fetched: .* \(check the address"):
        fetch_source("http://127.0.0.1:9/plan")


def test_a_download_over_the_limit_is_refused(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(draft_source, "MAX_SOURCE_BYTES", 1_000)
    with pytest.raises(InvalidInput, match=r"plan\.pdf: is [\d,]+ bytes, over the 1,000-byte limit for source texts"):
        fetch_source(f"{server}/plan.pdf")


def test_only_web_addresses_are_urls() -> None:
    assert is_url("https://example.gov.uk/plan") and is_url("HTTP://x") and not is_url("plan.txt")
    with pytest.raises(InvalidInput, match="is not a web address plancompare can fetch"):
        fetch_source("https://example.gov.uk/a plan")


def test_draft_from_a_url_saves_the_text_beside_the_plans_and_records_where_it_came_from(
        runner: CliRunner, tmp_path: Path, server: str) -> None:
    plans = tmp_path / "data" / "plans"
    plans.mkdir(parents=True)
    args = ["draft", f"{server}/plan.pdf", "--council-id", "eastbrook", "--name", "Eastbrook Borough Council",
            "--type", "district", "--region", "East of England", "-o", str(plans / "eastbrook.yaml")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    saved = tmp_path / "data" / "sources" / "eastbrook.txt"
    assert result.stderr == f"Wrote {saved}\nWrote {plans / 'eastbrook.yaml'}\n"
    plan = load_plan(plans / "eastbrook.yaml")
    assert (plan.source.file, plan.source.url, plan.source.format) == ("eastbrook.txt", f"{server}/plan.pdf", "pdf")
    assert plan.source.retrieved == datetime.date.today().isoformat()
    assert plan.source.sha256 == hashlib.sha256(PDF).hexdigest()
    assert plan.title == "Eastbrook Council Plan 2025-2029"  # the PDF's own title
    # The draft validates and traces against the saved text, but is not finished.
    validated = runner.invoke(cli, ["validate", str(plans)])
    assert validated.exit_code == 0 and "Note:" not in validated.stderr
    strict = runner.invoke(cli, ["validate", "--strict", str(plans)])
    assert strict.exit_code == 1 and "'# check:' marks left from the draft (lines " in strict.stderr
    # A second run refuses to replace either file without --force, and changes neither: the plan
    # file is checked first (the saved text is the same text).
    before = (plans / "eastbrook.yaml").read_bytes(), saved.read_bytes()
    again = runner.invoke(cli, args)
    assert (again.exit_code, again.stderr) == (1, f"Error: cannot write {plans / 'eastbrook.yaml'}: it already exists (add --force to replace it)\n")
    assert ((plans / "eastbrook.yaml").read_bytes(), saved.read_bytes()) == before
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
