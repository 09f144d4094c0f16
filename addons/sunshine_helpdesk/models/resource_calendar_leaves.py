from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """A change of the leaves that concern every resource (public holidays)
    changes what the SLA engine caches (``resource.calendar._sunshine_leaves``);
    a resource's own time off does not."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if any(not leave.resource_id for leave in leaves):
            self.env.registry.clear_cache()
        return leaves

    def write(self, vals):
        general = any(not leave.resource_id for leave in self)
        res = super().write(vals)
        if general or any(not leave.resource_id for leave in self):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        general = any(not leave.resource_id for leave in self)
        res = super().unlink()
        if general:
            self.env.registry.clear_cache()
        return res
