"""The browser tests' guard (conftest.py) sees a request that is still inside Django, and
no longer once it is answered: the database is emptied only after that."""

import threading
import time
import urllib.request

from tests.browser.conftest import _serving


def test_a_request_in_flight_is_seen_until_it_is_answered(live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.slow_urls"
    answers = []
    client = threading.Thread(
        target=lambda: answers.append(urllib.request.urlopen(live_server.url + "/slow/").read())
    )
    client.start()
    time.sleep(0.5)  # the view sleeps 1.5 s
    during = _serving()
    client.join()
    time.sleep(0.2)
    assert answers == [b"done"]
    assert during and not _serving()
