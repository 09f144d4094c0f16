from odoo import fields, models


class SunshineNonconformity(models.Model):
    _inherit = "sunshine.nonconformity"

    source = fields.Selection(
        selection_add=[("callback", "Callback Key Issue")],
        ondelete={"callback": "set default"},
    )
    callback_issue_id = fields.Many2one(
        "sunshine.callback.issue",
        index="btree_not_null",
        ondelete="restrict",
    )
