from odoo import _, api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    certification_ids = fields.One2many("sunshine.certification", "employee_id")
    certification_count = fields.Integer(compute="_compute_certification_count")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sunshine_name_from_user(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._sunshine_name_from_user(dict(vals)))

    @api.model
    def _sunshine_name_from_user(self, vals):
        """An employee who is a user bears the user's name, so that the
        certificates (the employee) and the dispatch (the user) name the same
        person the same way; renaming the user renames the employee (hr)."""
        if vals.get("user_id"):
            vals["name"] = self.env["res.users"].browse(vals["user_id"]).name
        return vals

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
