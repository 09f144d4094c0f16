from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def signup_prepare(self, signup_type="signup"):
        """Write the signup type only on the partners where it changes.

        Odoo writes it every time a signup URL is prepared: every portal
        notice and login rewrote the partner's row, and two requests doing
        so at once failed one of them on the concurrent update (the load
        test of issue 14).
        """
        changing = self.filtered(lambda partner: partner.signup_type != signup_type)
        return super(ResPartner, changing).signup_prepare(signup_type=signup_type)
