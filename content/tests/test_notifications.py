"""Review notifications by e-mail (issue item 9d): the people whose turn it is, and the
submitter when it is decided, each in their own admin language (content/editorial/notifications.py)."""

from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

from content.editorial import teams
from content.tests.editorial_helpers import act, member, submit


@pytest.fixture(autouse=True)
def staff(db):
    for code in teams.TEAM:
        member("editor", code), member("senior", code)
    member("reviewer")


@pytest.fixture
def draft(make_article):
    return make_article("bo", topic="health", slug="notify-draft", live=False)


def to(mail):
    return {address for message in mail for address in message.to}


def test_each_step_mails_the_group_whose_turn_it_is(client, draft, mailoutbox):
    submit(client, draft, member("editor", "bo"))
    # Only the Tibetan senior editors review a Tibetan page first.
    assert to(mailoutbox) == {member("senior", "bo").email}
    (message,) = mailoutbox
    assert "藏文编辑部审核（藏文高级编辑）" in message.body
    assert f"/admin/pages/{draft.pk}/edit/" in message.body  # they may edit it

    mailoutbox.clear()
    act(client, draft, member("senior", "bo"), "approve")
    assert to(mailoutbox) == {member("reviewer").email}
    (message,) = mailoutbox
    assert "科学审核" in message.body and f"“{draft.title}”" in message.body
    # Scientific reviewers judge the preview; the editor's link would refuse them.
    assert "/admin/pages/workflow/preview/" in message.body
    assert f"/admin/pages/{draft.pk}/edit/" not in message.body

    mailoutbox.clear()
    act(client, draft, member("reviewer"), "approve", comment="无误")
    assert to(mailoutbox) == {member("editor", "bo").email}
    (message,) = mailoutbox
    assert "已" in message.subject and f"“{draft.title}”" in message.body
    assert "藏文审核流程" in message.body


def test_a_rejection_tells_the_submitter_why_under_the_drafts_title(client, draft, mailoutbox):
    submit(client, draft, member("editor", "bo"))
    act(client, draft, member("senior", "bo"), "approve")
    mailoutbox.clear()
    act(client, draft, member("reviewer"), "reject", comment="海拔数据有误，请核对。")
    assert to(mailoutbox) == {member("editor", "bo").email}
    (message,) = mailoutbox
    assert "海拔数据有误，请核对。" in message.body
    # The title as the submitter reads it (not "—", as the rejecting reviewer, who no
    # longer reviews it, would be shown).
    assert f"“{draft.title}”" in message.body and "“—”" not in message.body + message.subject
    assert f"/admin/pages/{draft.pk}/edit/" in message.body


def test_each_recipient_reads_it_in_their_own_language(client, draft, mailoutbox):
    editor = member("editor", "bo")
    english = UserProfile.get_for_user(editor)
    english.preferred_language = "en"  # the submitter chose English
    english.save()
    submit(client, draft, editor)
    (to_senior,) = mailoutbox
    # The senior editor chose nothing: the site's language, not the sender's.
    assert "审核" in to_senior.subject and "submitted" not in to_senior.body

    mailoutbox.clear()
    act(client, draft, member("senior", "bo"), "reject", comment="请补充来源")
    (to_editor,) = mailoutbox
    assert "has been rejected" in to_editor.body and "请补充来源" in to_editor.body


def test_notification_preferences_are_respected(client, draft, mailoutbox):
    senior = member("senior", "bo")
    profile = UserProfile.get_for_user(senior)
    profile.submitted_notifications = False
    profile.save()
    submit(client, draft, member("editor", "bo"))
    assert senior.email not in to(mailoutbox)


def test_make_run_prints_mail_on_the_console():
    dev = Path(settings.BASE_DIR, "cms", "settings", "dev.py").read_text()
    assert 'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"' in dev


def test_demo_accounts_have_addresses(db, settings, tmp_path):
    from content.management.commands.seed_demo import ACCOUNTS, Command

    settings.VAR_DIR = tmp_path
    names = [account[0] for account in ACCOUNTS]
    get_user_model().objects.filter(username__in=names).delete()
    existing = get_user_model().objects.create_user("editor-bo", "bo-team@example.org")
    Command()._accounts()
    users = get_user_model().objects.filter(username__in=names).exclude(pk=existing.pk)
    assert users.count() == len(ACCOUNTS) - 1
    assert all(u.email == f"{u.username}@{teams.DEMO_MAIL_DOMAIN}" for u in users)
    existing.refresh_from_db()
    assert existing.email == "bo-team@example.org"  # an address someone set is kept
