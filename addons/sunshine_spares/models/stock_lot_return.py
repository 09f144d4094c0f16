from dateutil.relativedelta import relativedelta

from odoo import _, fields, models
from odoo.exceptions import UserError


class StockLot(models.Model):
    """Units leaving the installed base: returned without reason within the
    company's return period, or replaced by a new unit."""

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    no_reason_return_open = fields.Boolean(
        string="No-Reason Return Possible",
        compute="_compute_no_reason_return_open",
        help="Delivered, at the customer's, and within the company's no-reason "
        "return period.",
    )

    def _compute_no_reason_return_open(self):
        for lot in self:
            # sudo: decides only whether the button is offered, to whoever
            # reads the serial; the return itself checks again as the user
            lot.no_reason_return_open = bool(
                lot.id and not lot.sudo()._no_reason_return_refusal()
            )

    def action_no_reason_return(self):
        self._sunshine_ensure_one()
        self._assert_no_reason_return()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_spares.sunshine_lot_return_action"
        )
        action["context"] = {"default_lot_id": self.id}
        return action

    def _sunshine_return_days(self):
        """The no-reason return period of the serial's company, in days."""
        self.ensure_one()
        return (self.company_id or self.env.company).sunshine_return_days

    def _no_reason_return_last_date(self):
        """The last day the customer may return the serial without reason."""
        self.ensure_one()
        if not self.delivery_date:
            return False
        return self.delivery_date + relativedelta(days=self._sunshine_return_days())

    def _no_reason_return_refusal(self):
        """Why the serial cannot be returned without reason today, or False."""
        self.ensure_one()
        if not self.delivery_date:
            return _(
                "%(lot)s was never delivered to a customer: only a delivered "
                "serial can be returned.",
                lot=self.name,
            )
        if not self._customer_quant():
            # sudo: only the name of the location the serial is in, to say
            # why it cannot be taken back
            location = (
                self.env["stock.quant"]
                .sudo()
                .search(
                    [("lot_id", "=", self.id), ("quantity", ">", 0)],
                    limit=1,
                )
                .location_id
            )
            if location:
                return _(
                    "%(lot)s is not at a customer's but in %(location)s "
                    "(already returned, or never shipped): only a unit the "
                    "customer has can be returned.",
                    lot=self.name,
                    location=location.display_name,
                )
            return _(
                "%(lot)s is not at a customer's and in no stock: only a unit "
                "the customer has can be returned.",
                lot=self.name,
            )
        today = (self.company_id or self.env.company)._sunshine_today()
        last_day = self._no_reason_return_last_date()
        if today > last_day:
            return _(
                "%(lot)s was delivered on %(delivery)s: its no-reason return "
                "period of %(days)s days ended on %(last_day)s. Handle the "
                "customer's request as a repair or a warranty claim instead.",
                lot=self.name,
                delivery=self.delivery_date,
                days=self._sunshine_return_days(),
                last_day=last_day,
            )
        return False

    def _assert_no_reason_return(self):
        refusal = self._no_reason_return_refusal()
        if refusal:
            raise UserError(refusal)

    def _customer_quant(self):
        """The quant of the serial at a customer's, if it was delivered."""
        self.ensure_one()
        return self.env["stock.quant"].search(
            [
                ("lot_id", "=", self.id),
                ("location_id.usage", "=", "customer"),
                ("quantity", ">", 0),
            ],
            limit=1,
        )

    def _no_reason_return(self, warehouse, note=False):
        """Take the serial back into ``warehouse`` within the return period.

        Refused, before any stock moves, into a centre the user is not
        staff of, for a serial that is not at a customer's and after the
        last day of the period. The validated return takes the unit out of
        the installed base.
        """
        self.ensure_one()
        warehouse._sunshine_check_centre_staff()
        self._assert_no_reason_return()
        quant = self._customer_quant()
        today = (self.company_id or self.env.company)._sunshine_today()
        customer = self.customer_id
        moves = self.env["stock.picking"]._sunshine_transfer(
            warehouse.in_type_id,
            quant.location_id,
            warehouse.lot_stock_id,
            [(self.product_id, self, quant.quantity)],
            partner_id=customer.id,
            origin=_("No-reason return of %s", self.name),
        )
        self.message_post(
            body=_(
                "Returned without reason by %(customer)s on %(date)s into "
                "%(warehouse)s.%(note)s",
                customer=customer.display_name or _("the customer"),
                date=today,
                warehouse=warehouse.name,
                note=f" {note}" if note else "",
            )
        )
        return moves

    def _sunshine_take_over(self, replaced):
        """Put this unit in the place of ``replaced`` in the installed base.

        The replacement stands where the replaced unit stood (customer, site,
        regional representative, which the replaced unit gives up) and
        continues its warranty: same term, same delivery, commissioning and
        acceptance dates, and the prices locked for the equipment.
        """
        self.ensure_one()
        # Moved first, so that the delivery date written below locks only
        # the parts the replaced unit had no lock for.
        self._sunshine_take_over_prices(replaced)
        self.write(
            {
                "customer_id": replaced.customer_id.id,
                "site": replaced.site,
                "regional_representative_id": replaced.regional_representative_id.id,
                "warranty_term_id": replaced.warranty_term_id.id,
                "delivery_date": replaced.delivery_date,
                "commissioning_date": replaced.commissioning_date,
                "initial_acceptance_date": replaced.initial_acceptance_date,
                "final_acceptance_date": replaced.final_acceptance_date,
            }
        )
        replaced._leave_installed_base()
        body = _(
            "%(new)s replaced %(replaced)s at %(customer)s.",
            new=self.name,
            replaced=replaced.name,
            customer=self.customer_id.display_name or _("the customer"),
        )
        for lot in self | replaced:
            lot.message_post(body=body)
