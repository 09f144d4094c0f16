from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


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

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        changes._sunshine_assert_inspection_open()
        return changes

    def write(self, vals):
        self._sunshine_assert_inspection_open()
        res = super().write(vals)
        if "inspection_id" in vals:
            self._sunshine_assert_inspection_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspection_closed(self):
        self._sunshine_assert_inspection_open()

    def _sunshine_assert_inspection_open(self):
        """A change made during an inspection is recorded while the
        inspection is in progress; the changes of a signed report (or of a
        finished or cancelled inspection) are kept as they are. The data
        files of an install (the demo's history) are trusted."""
        if self.env.su and self.env.context.get("install_mode"):
            return
        for inspection in self.inspection_id:
            if inspection.signed_on or inspection.state != "in_progress":
                raise UserError(
                    _(
                        "Inspection %s is not in progress: its configuration "
                        "changes are recorded during the inspection, and those "
                        "of a signed report are kept as signed.",
                        inspection.display_name,
                    )
                )
