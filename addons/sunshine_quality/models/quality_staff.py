"""Who the quality staff are, for the actions the server keeps theirs."""

from odoo.exceptions import AccessError

QUALITY_STAFF = "sunshine_quality.group_quality_user"


def is_quality_staff(env):
    """The quality officers (the complaint desk, HQ engineering), or code
    running as the superuser."""
    return env.su or env.user.has_group(QUALITY_STAFF)


def assert_quality_staff(env, message):
    """Refuse with ``message`` unless :func:`is_quality_staff`."""
    if not is_quality_staff(env):
        raise AccessError(message)
