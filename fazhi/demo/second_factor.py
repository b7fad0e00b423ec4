"""Demo step: admin and supervisor get a TOTP device with the demo's published key (data.DEMO_TOTP_SECRET), so the
demo logins that owe a second factor work out of the box (docs/decisions/0018). Idempotent: a user who already has a
confirmed device keeps it."""

from django_otp import user_has_device

from fazhi.accounts import services
from fazhi.demo import data
from fazhi.demo.org import Log, demo_user


def second_factor_step(log: Log) -> None:
    enrolled = []
    for username in data.DEMO_TOTP_USERS:
        user = demo_user(username)
        if user_has_device(user, confirmed=True):
            continue
        services.enrol_with_key(actor=None, user=user, key_hex=data.DEMO_TOTP_KEY_HEX)
        enrolled.append(username)
    if enrolled:
        log(f"动态口令：{'、'.join(enrolled)} 已绑定演示密钥 {data.DEMO_TOTP_SECRET}。")
    else:
        log("动态口令：演示账号已绑定，跳过。")
