from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Gemensamt"

    def ready(self):
        from . import dataversion

        dataversion.install()
