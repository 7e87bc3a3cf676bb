"""The broker address: what `AppSettings.broker`, `--broker` and the MQTT transport accept,
and what they say about an address they refuse (never showing a password)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.errors import ConfigurationError
from app.linking.mqtt import BrokerError, MqttTransport, parse_broker_url
from app.settings import AppSettings
from cli.link import broker_url, link_code, wait_seconds
from tests.helpers.mosquitto import free_port


@pytest.mark.parametrize(("url", "scheme", "host", "port", "tls"), [
    ("mqtt://broker.example.org", "mqtt", "broker.example.org", 1883, False),
    ("mqtts://broker.example.org", "mqtts", "broker.example.org", 8883, True),
    ("MQTTS://broker.example.org:443/", "mqtts", "broker.example.org", 443, True),
    ("mqtt://127.0.0.1:1884", "mqtt", "127.0.0.1", 1884, False),
    ("mqtt://[::1]:1885", "mqtt", "::1", 1885, False),
])
def test_addresses_people_write(url: str, scheme: str, host: str, port: int,
                                tls: bool) -> None:
    address = parse_broker_url(url)
    assert (address.scheme, address.host, address.port, address.tls) == \
        (scheme, host, port, tls)


def test_credentials_and_the_organisations_ca_never_shown() -> None:
    address = parse_broker_url("mqtts://tutor-17:s%40cret@broker.example.org?ca=/etc/org.pem")
    assert (address.username, address.password, address.ca_file) == \
        ("tutor-17", "s@cret", "/etc/org.pem")
    assert address.shown == "mqtts://tutor-17@broker.example.org:8883"


@pytest.mark.parametrize(("url", "says"), [
    ("http://broker.example.org", "must start with mqtt:// or mqtts://"),
    ("broker.example.org:1883", "must start with mqtt:// or mqtts://"),
    ("mqtt://", "names no host"),
    ("mqtt://broker.example.org:99999", "is not valid"),
    ("mqtt://broker.example.org/lessonguard", "has a path"),
    ("mqtts://broker.example.org?insecure=1", "unknown option: insecure"),
    ("mqtt://broker.example.org?ca=/etc/org.pem", "for mqtts:// only"),
    ("mqtt://broker\x1b[2J.example.org", "must be one line"),
    ("mqtt://" + "a" * 3000, "must be one line"),
])
def test_a_wrong_address_is_refused_saying_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(ConfigurationError, match=says.replace("?", r"\?")):
        parse_broker_url(url)
    with pytest.raises(argparse.ArgumentTypeError, match=says.replace("?", r"\?")):
        broker_url(url)


def test_the_setting_is_empty_by_default_and_refuses_a_wrong_address() -> None:
    assert AppSettings().broker == ""  # no broker: nothing is linked, nothing connects
    assert AppSettings(broker="  mqtts://broker.example.org ").broker == \
        "mqtts://broker.example.org"
    assert AppSettings(broker="   ").broker == ""
    with pytest.raises(ValidationError, match="mqtt:// or mqtts://"):
        AppSettings(broker="https://broker.example.org")


def test_codes_and_waits_on_the_command_line() -> None:
    from app.linking.codes import make_code

    code = make_code().text
    assert link_code(code.lower().replace("-", " ")) == code
    with pytest.raises(argparse.ArgumentTypeError):
        link_code("K7QM-4TXR-9HB")
    with pytest.raises(argparse.ArgumentTypeError):
        link_code("x" * 100)
    assert wait_seconds("2.5") == 2.5
    for bad in ("-1", "nan", "soon", "99999"):
        with pytest.raises(argparse.ArgumentTypeError):
            wait_seconds(bad)


def test_a_broker_that_is_not_there_is_said_at_once() -> None:
    url = f"mqtt://127.0.0.1:{free_port()}"
    with pytest.raises(BrokerError, match=f"cannot reach the broker at {url}: connection "
                                          "refused"):
        MqttTransport(url, connect_timeout_s=5).connect("test", lambda _t, _p: None)


def test_a_refused_address_never_repeats_its_password() -> None:
    with pytest.raises(ConfigurationError) as refused:
        parse_broker_url("mqtt://tutor-17:hunter2@broker.example.org/lessons")
    assert "hunter2" not in str(refused.value) and "tutor-17:***@" in str(refused.value)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=80), which=st.sampled_from(["join", "broker"]))
def test_any_text_as_a_code_or_an_address_is_refused_or_taken_plainly(
        text: str, which: str) -> None:
    """`link join TEXT` and `link broker TEXT` as a script might pass them: a usage error
    (exit 2) or, for a code of the right form, a plain 'cannot reach' (exit 1) against a
    port nobody listens on; never a traceback, never a wait."""
    import contextlib
    import io
    import tempfile

    from cli.main import main

    closed = f"mqtt://127.0.0.1:{free_port()}"
    args = ["link", "join", text, "--broker", closed, "--wait", "1"] if which == "join" \
        else ["link", "broker", text]
    err = io.StringIO()
    with tempfile.TemporaryDirectory() as data, contextlib.redirect_stderr(err), \
            contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(["--data-dir", data, *args])
        except SystemExit as exc:  # argparse's usage error
            code = int(exc.code or 0)
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 1:
        assert "cannot reach the broker" in err.getvalue()


def test_confirm_is_refused_on_the_tutors_computer(tmp_path: Path) -> None:
    """The family's confirmations come from the family's computer; a tutor's tick is their own
    attestation, made where the tutor says it (the Ready screen, `check --confirm`)."""
    import contextlib
    import io

    from cli.main import main

    data = str(tmp_path / "lg")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", data, "setup", "--role", "tutor", "--name",
                     "Pat Green"]) == 0
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--data-dir", data, "confirm", "adult-present", "--lesson", "1",
                     "--name", "Jo Lee"])
    assert code == 2 and "family's or school's computer" in err.getvalue()
