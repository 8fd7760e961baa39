"""Offline reading: articles a reader opened are there without a network, other
addresses get the offline page in the reader's language, unpublished ones are dropped."""

import pytest


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    yield context, page
    context.close()


def test_an_opened_article_reads_offline(live_site, live_server, offline_page, make_article):
    context, page = offline_page
    read = make_article("bo", topic="health", slug="read-before")
    unread = make_article("bo", topic="health", slug="never-opened")
    page.goto(live_server.url + "/bo/")
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true)"
    )
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker
    page.goto(live_server.url + read.url)
    page.wait_for_timeout(500)  # the worker stores the page after answering

    context.set_offline(True)
    page.goto(live_server.url + read.url)
    assert page.locator("h1.page-title").inner_text() == read.title
    page.goto(live_server.url + unread.url)
    html = page.content()
    assert 'lang="bo"' in html and "/bo/" in html
    assert page.locator("h1.page-title").inner_text() != unread.title
    context.set_offline(False)


def test_save_for_offline_button(live_site, live_server, offline_page, make_article):
    context, page = offline_page
    article = make_article("mn", topic="health", slug="save-me")
    page.goto(live_server.url + article.url)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    button = page.locator("[data-save-offline]")
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("() => document.querySelector('[data-save-offline]').disabled")
    saved = page.evaluate(
        "() => caches.open('kepu-saved').then(c => c.keys()).then(k => k.map(r => r.url))"
    )
    assert saved == [live_server.url + article.url]
