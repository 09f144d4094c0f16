from odoo import fields, models

SERVICE_GROUPS = [
    ("support", "Technical Support"),
    ("hardware", "Hardware Service"),
    ("software", "Software Service"),
    ("quality", "Quality Assurance"),
    ("care", "Customer Care"),
]

SERVICE_MODES = [
    ("phone", "Phone"),
    ("remote", "Remote"),
    ("onsite", "On-site"),
]

SEVERITIES = [
    ("critical", "Critical"),
    ("major", "Major"),
    ("minor", "Minor"),
    ("consultation", "Consultation"),
]


class SunshineServiceType(models.Model):
    """An item of the service catalogue (电话支持服务, 现场支持服务...)."""

    _name = "sunshine.service.type"
    _description = "Service Type"
    _order = "group, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    group = fields.Selection(SERVICE_GROUPS, required=True, default="support")
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Default Channel",
        help="Channel proposed on new tickets of this type.",
    )
    service_mode = fields.Selection(
        SERVICE_MODES,
        string="Default Service Mode",
        required=True,
        default="phone",
    )
    onsite_expected = fields.Boolean(
        string="On-site Work Expected",
        help="Tickets of this type usually need an engineer on site.",
    )
    description = fields.Text(translate=True)
    sla_policy_ids = fields.Many2many(
        "sunshine.sla.policy",
        "sunshine_sla_policy_service_type_rel",
        "service_type_id",
        "policy_id",
        string="SLA Policies",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another service type of this company already has this code.",
        ),
    ]
