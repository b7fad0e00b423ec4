from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "fazhi.exchange"
    label = "exchange"
    verbose_name = "数据交换"

    def ready(self):
        from fazhi.audit.services import on_record
        from fazhi.exchange.outbox import on_chain_entry

        on_record(on_chain_entry)
