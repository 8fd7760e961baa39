"""nginx's micro-cache and the app's page cache keep one entry per real page variant
(issue 14, item 12): made-up parameters, Save-Data values, cookies and Host ports make
no new entries, and a port in Host never reaches a page."""


def test_made_up_parameters_are_never_kept_by_nginx(http, stack, demo_articles):
    url = stack.base_url + demo_articles["zh-hans"]
    clean = http.get(url)
    assert http.get(url).headers["X-Cache"] in ("HIT", "REVALIDATED", "UPDATING")
    for n in range(3):
        junk = http.get(f"{url}?utm_source=smoke&n={n}")
        assert junk.status_code == 200 and junk.text == clean.text
        assert "utm_source" not in junk.text
        again = http.get(f"{url}?utm_source=smoke&n={n}")
        assert again.headers["X-Cache"] == "MISS"  # answered by the app's cache, not kept


def test_unknown_save_data_and_cookie_values_share_the_plain_entry(http, stack, demo_articles):
    url = stack.base_url + demo_articles["bo"]
    plain = http.get(url)
    assert http.get(url).headers["X-Cache"] in ("HIT", "REVALIDATED", "UPDATING")
    odd = http.get(url, headers={"Save-Data": "maybe", "Cookie": "kepu_lite=x; kepu_large=9"})
    assert odd.headers["X-Cache"] in ("HIT", "REVALIDATED", "UPDATING")
    assert odd.text == plain.text


def test_a_port_in_the_host_header_never_reaches_a_page(http, stack, demo_articles):
    paths = (demo_articles["mn"], "/feeds/mn/rss.xml", "/sitemap.xml", "/zh-hans/")
    for path in paths:
        response = http.get(stack.base_url + path, headers={"Host": "localhost:1234"})
        assert response.status_code == 200, path
        assert ":1234" not in response.text, path
        assert ":1234" not in http.get(stack.base_url + path).text, path
