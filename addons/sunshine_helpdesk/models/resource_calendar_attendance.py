from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """A change of working hours changes the shape the SLA engine caches
    (``resource.calendar._sunshine_shape``)."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.registry.clear_cache()  # the calendars' _sunshine_shape
        return res

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()  # the calendars' _sunshine_shape
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # the calendars' _sunshine_shape
        return res
