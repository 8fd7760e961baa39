"""Admin login throttling: after repeated failures, further attempts get 429.

Counted per account (5 failures in 15 minutes: someone guessing one editor's password)
and per client address (20 in 15 minutes: someone trying many accounts). Counters live in
the default cache, shared by all workers and machines when Redis is configured. A
successful login clears the account's counter. The refusal happens before the password
is checked, so a throttled guesser learns nothing even when the guess is right.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse

WINDOW = 15 * 60
LIMITS = {"user": 5, "ip": 20}
LOGIN_PATHS = ("/admin/login/",)


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


def _keys(request, username):
    keys = {"ip": f"login-fail:ip:{client_ip(request)}"}
    if username:
        keys["user"] = f"login-fail:user:{username.strip().lower()[:150]}"
    return keys


def throttled(request, username):
    keys = _keys(request, username)
    counts = cache.get_many(list(keys.values()))
    return any(counts.get(key, 0) >= LIMITS[kind] for kind, key in keys.items())


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key in _keys(request, credentials.get("username", "")).values():
        cache.add(key, 0, WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW)


@receiver(user_logged_in)
def clear_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(_keys(request, user.get_username())["user"])


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in LOGIN_PATHS:
            if throttled(request, request.POST.get("username", "")):
                response = HttpResponse(
                    "登录失败次数过多，请 15 分钟后再试。Too many failed logins: try again in 15 minutes.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(WINDOW)
                return response
        return self.get_response(request)
