"""Login throttling (cms/login_throttle.py): a guesser is slowed where they guess, with
waits that grow, and cannot lock an account's owner out; the login form does not tell
whether an account exists."""

import re

import pytest

from cms import login_throttle
from content.tests.editorial_helpers import member

PASSWORD = "grassland-2026"
ATTACKER, OWNER, ELSEWHERE = "203.0.113.66", "198.51.100.20", "192.0.2.44"
# Every view that signs people in: Wagtail's admin and the login that guards private
# pages (in each language).
LOGIN_URLS = ["/admin/login/", "/zh-hans/_util/login/", "/bo/_util/login/"]


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(login_throttle, "clock", fake)
    return fake


@pytest.fixture(params=["senior-bo", "senior-mn", "senior-zh-hans"])
def owner(request, site_tree):
    role, code = request.param.split("-", 1)
    user = member(role, code)
    user.set_password(PASSWORD)
    user.is_staff = True  # Django's admin login also lets them in
    user.save()
    return user


def login(client, username, password="not-the-password", ip=ATTACKER, url="/admin/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def patient_failures(client, clock, username, count, ip=ATTACKER, url="/admin/login/"):
    """``count`` wrong passwords, each after waiting as long as we were told to."""
    waits = []
    for _ in range(count):
        response = login(client, username, ip=ip, url=url)
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            clock.now += waits[-1]
            response = login(client, username, ip=ip, url=url)
        assert response.status_code == 200, response.status_code  # the form, with its error
    return waits


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_fifty_failures_from_one_address_do_not_lock_the_owner_out(client, clock, owner, url):
    patient_failures(client, clock, owner.username, 50, url=url)
    # The guesser is refused at once, before the password is checked (even the right one).
    response = login(client, owner.username, PASSWORD, url=url)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    # The owner, from their own address, signs in at once.
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302


def test_waits_grow_with_every_failure_up_to_a_cap(client, clock, owner):
    waits = patient_failures(client, clock, owner.username, 18)
    assert waits[:6] == [1, 2, 4, 8, 16, 32]  # after five free tries
    assert waits == sorted(waits) and max(waits) == login_throttle.POLICY["pair"][1]
    response = login(client, owner.username)
    assert int(response["Retry-After"]) == max(waits)
    assert str(max(waits)) in response.content.decode()


def test_the_owners_login_elsewhere_does_not_reopen_the_guessers_address(client, clock, owner):
    patient_failures(client, clock, owner.username, 10)
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302
    client.logout()
    response = login(client, owner.username, PASSWORD)
    assert response.status_code == 429


def test_the_owners_typos_are_forgiven_by_their_own_success(client, clock, owner):
    for _ in range(4):
        assert login(client, owner.username, ip=OWNER).status_code == 200
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302
    client.logout()
    for _ in range(5):
        assert login(client, owner.username, ip=OWNER).status_code == 200


def test_one_address_trying_many_accounts_is_slowed_there_only(client, clock, site_tree):
    allowed = login_throttle.POLICY["source"][0]
    for n in range(allowed):
        assert login(client, f"guess-{n}").status_code == 200
    response = login(client, "guess-new")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert login(client, "guess-new", ip=ELSEWHERE).status_code == 200


def test_a_distributed_guess_slows_strangers_but_not_the_owners_known_address(client, clock, owner):
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302
    client.logout()
    allowed = login_throttle.POLICY["account"][0]
    for n in range(allowed):  # four tries from each of many addresses
        assert login(client, owner.username, ip=f"10.0.{n // 4}.9").status_code == 200
    response = login(client, owner.username, PASSWORD, ip="10.99.0.1")
    assert response.status_code == 429  # a new address: slowed
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302


def _answer(response):
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"CSRF_TOKEN": "[^"]*"', "", html)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_unknown_accounts_and_wrong_passwords_get_the_same_answer(client, clock, owner, url):
    wrong = login(client, owner.username, url=url)
    unknown = login(client, "no-such-editor", ip=ELSEWHERE, url=url)
    assert wrong.status_code == unknown.status_code == 200
    assert _answer(wrong).replace(owner.username, "X") == _answer(unknown).replace(
        "no-such-editor", "X"
    )
    # And they are throttled alike: the count does not depend on the account existing.
    for name, ip in ((owner.username, "192.0.2.1"), ("no-such-editor", "192.0.2.2")):
        patient_failures(client, clock, name, 6, ip=ip, url=url)
        assert login(client, name, ip=ip, url=url).status_code == 429


def test_x_real_ip_counts_only_from_our_proxies(client, clock, owner, settings):
    settings.KEPU_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(6):  # a stranger cannot pose as the owner's address with the header
        client.post(
            "/admin/login/",
            {"username": owner.username, "password": "x"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_REAL_IP=OWNER,
        )
    assert login(client, owner.username, PASSWORD, ip=OWNER).status_code == 302
    client.logout()
    for _ in range(6):  # through nginx, the header is the reader's address
        client.post(
            "/admin/login/",
            {"username": owner.username, "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=ELSEWHERE,
        )
    response = client.post(
        "/admin/login/",
        {"username": owner.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP=ELSEWHERE,
    )
    assert response.status_code == 429
