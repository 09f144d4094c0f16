from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineLotConfigChange(models.Model):
    """A change of the unit's configuration made during an inspection."""

    _inherit = "sunshine.lot.config.change"

    inspection_id = fields.Many2one(
        "sunshine.inspection",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('lot_id', '=', lot_id)]",
        help="The on-site inspection the change was made during, if any.",
    )

    @api.constrains("inspection_id", "lot_id")
    def _check_inspection_lot(self):
        for change in self:
            if change.inspection_id and change.inspection_id.lot_id != change.lot_id:
                raise ValidationError(
                    _(
                        "Inspection %(inspection)s is of %(inspection_lot)s, not "
                        "%(lot)s: record the change on the unit inspected.",
                        inspection=change.inspection_id.display_name,
                        inspection_lot=change.inspection_id.lot_id.name,
                        lot=change.lot_id.name,
                    )
                )
