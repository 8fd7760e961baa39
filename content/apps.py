from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "内容"

    def ready(self):
        from content import cache_purge, notifications, page_policy, say_why

        cache_purge.connect()
        page_policy.install()  # reviewers explore what they review (their Pages menu)
        notifications.install()  # review e-mails in the recipient's language
        say_why.install()  # refusals name who can do it instead
