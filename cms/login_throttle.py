"""Login throttling that slows guessers without handing them a lock-out switch.

A fixed lock per account (the old rule: 5 failures, 15 minutes, for everyone) let anyone
who knew or guessed a username keep its owner out, e.g. the senior editors who approve
emergency notices. Failures are now counted under three keys, each with its own
allowance, after which every further failure doubles the wait (1 s, 2 s, 4 s … capped):

* ``pair``: one account from one source (address). A guesser slows down there
  and only there; the owner at another address is not affected.
* ``source``: one address over all accounts (someone trying many usernames).
* ``account``: one account from every address that has not signed in to it before, a
  high allowance that slows a distributed guess while the owner, from an address that
  has signed in successfully (remembered for 90 days), still gets in.

A refusal is a 429 with ``Retry-After``, decided before the password is checked, so a
throttled guesser learns nothing even when the guess is right. Counters live in the
default cache (Redis in production: shared by all workers and machines). A successful
login clears only its own pair. Unknown usernames are counted like real ones, and the
login form answers both with the same message, so neither reveals whether an account
exists. django-axes was considered (docs/operators.md): it has one failure limit for all
its lockout keys, no allowance that spares known sources, and no growing Retry-After.
"""

import ipaddress
import math
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse

# kind: (failures allowed before waits begin, longest wait in seconds)
POLICY = {"pair": (5, 15 * 60), "source": (20, 60 * 60), "account": (100, 15 * 60)}
MEMORY = 24 * 60 * 60  # a counter is forgotten a day after its last failure
KNOWN_FOR = 90 * 24 * 60 * 60  # an address that signed in to an account
LOGIN_PATHS = ("/admin/login/",)

clock = time.time  # replaced in tests


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(net, strict=False) for net in settings.KEPU_TRUSTED_PROXIES
    )


def client_ip(request):
    """The reader's address: nginx's X-Real-IP when the request came through one of our
    proxies (KEPU_TRUSTED_PROXIES, addresses or networks), else the socket's peer."""
    remote = request.META.get("REMOTE_ADDR", "")
    if _trusted(remote):
        return request.META.get("HTTP_X_REAL_IP", remote) or remote
    return remote


def _account(username):
    return (username or "").strip().lower()[:150]


def _keys(request, username):
    """The counters one attempt is checked against and counted in."""
    source, account = client_ip(request), _account(username)
    keys = {"source": f"login-fail:source:{source}"}
    if account:
        keys["pair"] = f"login-fail:pair:{account}:{source}"
        if not cache.get(_known_key(account, source)):
            keys["account"] = f"login-fail:account:{account}"
    return keys


def _known_key(account, source):
    return f"login-ok:{account}:{source}"


def wait(kind, failures):
    """Seconds to wait after ``failures`` failures under ``kind``: none within the
    allowance, then 1, 2, 4 … up to the cap."""
    allowed, cap = POLICY[kind]
    if failures < allowed:
        return 0
    return min(2 ** (failures - allowed), cap)


def retry_after(request, username):
    """Seconds before this attempt may be made (0: go ahead)."""
    keys = _keys(request, username)
    stored = cache.get_many([f"{key}:{part}" for key in keys.values() for part in "nt"])
    now = clock()
    longest = 0.0
    for kind, key in keys.items():
        failures, last = stored.get(f"{key}:n"), stored.get(f"{key}:t")
        if failures and last:
            longest = max(longest, last + wait(kind, failures) - now)
    return math.ceil(longest) if longest > 0 else 0


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    keys = _keys(request, credentials.get("username", "")).values()
    for key in keys:
        # add + incr: atomic in Redis, so parallel guesses are all counted.
        cache.add(f"{key}:n", 0, MEMORY)
        try:
            cache.incr(f"{key}:n")
        except ValueError:  # expired between add and incr
            cache.set(f"{key}:n", 1, MEMORY)
        cache.touch(f"{key}:n", MEMORY)
    cache.set_many({f"{key}:t": clock() for key in keys}, MEMORY)


@receiver(user_logged_in)
def remember_success(sender, request, user, **kwargs):
    if request is None:
        return
    account, source = _account(user.get_username()), client_ip(request)
    # Only this address's own count: a success elsewhere must not reopen an attacker's.
    cache.delete_many([f"login-fail:pair:{account}:{source}:{part}" for part in "nt"])
    cache.set(_known_key(account, source), True, KNOWN_FOR)


def _is_login_view(request, view_func):
    view_class = getattr(view_func, "view_class", None)
    return request.path_info in LOGIN_PATHS or (
        isinstance(view_class, type) and issubclass(view_class, LoginView)
    )


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not _is_login_view(request, view_func):
            return None
        seconds = retry_after(request, request.POST.get("username", ""))
        if not seconds:
            return None
        response = HttpResponse(
            f"登录失败次数过多，请 {seconds} 秒后再试。"
            f"Too many failed logins: try again in {seconds} seconds.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(seconds)
        return response
