from odoo import _, api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    certification_ids = fields.One2many("sunshine.certification", "employee_id")
    certification_count = fields.Integer(compute="_compute_certification_count")

    @api.depends("certification_ids.state")
    def _compute_certification_count(self):
        # sudo: the count of an employee's own certifications, shown on the
        # employee form to whoever may open it
        counts = dict(
            self.env["sunshine.certification"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self.ids),
                    ("state", "in", ("valid", "expiring")),
                ],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.certification_count = counts.get(employee, 0)

    def action_view_certifications(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Certifications"),
            "res_model": "sunshine.certification",
            "view_mode": "list,form",
            "domain": [("employee_id", "=", self.id)],
            "context": {"default_employee_id": self.id},
        }
