"""The client's address is REMOTE_ADDR, or what a trusted proxy says it forwarded."""

import pytest
from django.test import Client, RequestFactory

from unionnews.accounts.addresses import client_ip
from unionnews.accounts.models import AuditEntry


def address(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("203.0.113.7", "1.2.3.4") == "203.0.113.7"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.9", "198.51.100.9"),
        # The client wrote the left entries itself; the proxy appended the real one.
        ("1.2.3.4, 198.51.100.9", "198.51.100.9"),
        # Two proxies of ours: the rightmost entry that is not one of them.
        ("1.2.3.4, 198.51.100.9, 10.0.0.6", "198.51.100.9"),
        ("", "10.0.0.5"),
        ("not an address", "10.0.0.5"),
    ],
)
def test_from_a_trusted_proxy_the_rightmost_untrusted_entry_is_the_client(settings, forwarded, client):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]
    assert address("10.0.0.5", forwarded) == client


def test_forwarded_for_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert address("203.0.113.7", "10.0.0.5, 1.2.3.4") == "203.0.113.7"


def test_spoofed_forwarded_for_neither_dodges_nor_resets_the_limit(staff, log_in, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    for number in range(5):
        log_in(f"user{number}", "wrong password!", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    # A fresh forged header on each try does not make a new client.
    response = log_in("zongbian", client=Client(), HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(staff, log_in, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    for number in range(5):
        log_in(f"user{number}", "wrong password!", address="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert (
        log_in("zongbian", address="10.0.0.5", client=Client(), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    )
    ok = log_in("zongbian", address="10.0.0.5", client=Client(), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert ok.status_code == 302


def test_audit_entries_name_the_forwarded_client_behind_a_trusted_proxy(staff, log_in, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    log_in("zongbian", address="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.2")
    log_in("jizhe", "wrong password!", address="203.0.113.7", client=Client(), HTTP_X_FORWARDED_FOR="198.51.100.3")

    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGIN).ip == "198.51.100.2"
    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED).ip == "203.0.113.7"


def test_a_proxy_seen_as_an_ipv6_mapped_address_is_still_trusted(settings):
    """gunicorn bound to [::] sees nginx's 172.30.80.10 as ::ffff:172.30.80.10."""
    settings.TRUSTED_PROXIES = ["172.30.80.10"]
    assert address("::ffff:172.30.80.10", "203.0.113.7") == "203.0.113.7"
    assert address("::ffff:203.0.113.8", "1.2.3.4") == "203.0.113.8"
