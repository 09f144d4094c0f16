from odoo import _, api, models
from odoo.exceptions import AccessError

# The context value that lets the actions and the engine write protected
# fields. It is an object, not a flag: a context that comes over RPC is JSON
# and can never hold it (the pattern of OCA queue_job's edit sentinel).
_ACTION_SENTINEL = object()
_CONTEXT_KEY = "sunshine_action_write"


def sunshine_is_action_env(env):
    """Whether ``env`` is the one of an action (``_sunshine_as_action``),
    for models that check it without inheriting the mixin."""
    return env.context.get(_CONTEXT_KEY) is _ACTION_SENTINEL


def sunshine_context_default_names(env):
    """The fields given a value by the ``default_<field>`` keys of the
    context: a create sets them as surely as its values."""
    return [key[8:] for key in env.context if key.startswith("default_")]


class SunshineProtectedFieldsMixin(models.AbstractModel):
    """Fields that only the model's actions and the engine may write.

    A model lists them in ``_sunshine_protected_fields``; every class of the
    model adds its own (an addon extending the model lists only its new
    fields). A direct ``create`` or ``write`` of one of them is refused,
    whatever the access rights allow, so a client of the external API cannot
    set a stamp, a state or a date that an action sets. The actions write
    them through ``_sunshine_as_action()``.
    """

    _name = "sunshine.protected.fields.mixin"
    _description = "Fields Set by Actions Only"

    _sunshine_protected_fields = ()
    # True: records of the model are created by its actions only (a history
    # that a client may read but never forge, such as escalations).
    _sunshine_protected_create = False

    def _sunshine_as_action(self):
        """These records, allowed to write their protected fields. For the
        model's own actions and the engine only, never with values that
        came from a client."""
        return self.with_context(**{_CONTEXT_KEY: _ACTION_SENTINEL})

    @api.model
    def _sunshine_protected_field_names(self):
        names = set()
        for cls in type(self).__mro__:
            names.update(cls.__dict__.get("_sunshine_protected_fields", ()))
        return names

    def _sunshine_writes_protected(self):
        """Whether this environment may write protected fields: an action
        (``_sunshine_as_action``), or the data files of an install."""
        return sunshine_is_action_env(self.env) or bool(
            self.env.su and self.env.context.get("install_mode")
        )

    def _sunshine_assert_action(self, message):
        """Refuse with ``message`` unless an action or an install writes."""
        if not self._sunshine_writes_protected():
            raise AccessError(message)

    def _sunshine_model_label(self):
        return self.env["ir.model"]._get(self._name).name

    def _sunshine_assert_unprotected(self, field_names):
        if self._sunshine_writes_protected():
            return
        refused = sorted(set(field_names) & self._sunshine_protected_field_names())
        if refused:
            raise AccessError(
                _(
                    "%(fields)s of %(model)s are set by its actions only; use the "
                    "buttons of the form instead of writing them.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in refused
                    ),
                    model=self._sunshine_model_label(),
                )
            )

    @api.model
    def _sunshine_assert_create_values(self, vals_list):
        """Refuse a create that a client may not do: one of a model created
        by its actions only, or one that sets protected fields."""
        if self._sunshine_protected_create:
            self._sunshine_assert_action(
                _(
                    "%(model)s records are created by their actions only; use the "
                    "buttons of the form instead of creating them.",
                    model=self._sunshine_model_label(),
                )
            )
        defaults = sunshine_context_default_names(self.env)
        for vals in vals_list:
            self._sunshine_assert_unprotected([*vals, *defaults])

    @api.model_create_multi
    def create(self, vals_list):
        self._sunshine_assert_create_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._sunshine_assert_unprotected(vals)
        return super().write(vals)
