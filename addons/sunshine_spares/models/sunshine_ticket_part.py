from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

PART_STATES = [
    ("draft", "Requested"),
    ("issued", "Issued"),
]
# Written by issuing only.
ISSUE_FIELDS = {"state", "move_id", "return_move_id", "date_issued"}


class SunshineTicketPart(models.Model):
    """A spare part used on a service ticket, issued from the centre's stock."""

    _name = "sunshine.ticket.part"
    _description = "Ticket Spare Part"
    _order = "ticket_id, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    equipment_lot_id = fields.Many2one(
        related="ticket_id.lot_id",
        string="Equipment",
        store=True,
        index=True,
        help="The customer's equipment the part went into.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Maintenance Centre",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="The centre whose stock the part leaves: the warehouse of the "
        "ticket's team.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        domain=[("is_storable", "=", True)],
    )
    tracking = fields.Selection(related="product_id.tracking")
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Part Serial",
        domain="[('product_id', '=', product_id)]",
        help="The serial or lot of the part taken from the centre's stock.",
    )
    quantity = fields.Float(
        default=1.0, digits="Product Unit of Measure", required=True
    )
    return_defective = fields.Boolean(
        string="Defective Part Returned",
        help="The faulty part taken out of the equipment goes back to the "
        "centre's defective-parts location for repair.",
    )
    defective_lot_id = fields.Many2one(
        "stock.lot",
        string="Defective Serial",
        domain="[('product_id', '=', product_id)]",
    )
    state = fields.Selection(
        PART_STATES, default="draft", required=True, readonly=True, copy=False
    )
    move_id = fields.Many2one(
        "stock.move", string="Issue Move", readonly=True, copy=False
    )
    return_move_id = fields.Many2one(
        "stock.move", string="Defective Return Move", readonly=True, copy=False
    )
    date_issued = fields.Datetime(string="Issued On", readonly=True, copy=False)

    # On the ticket only, not its team: a ticket escalated to an office
    # without stock keeps the centre its parts were requested from, and the
    # escalations do not pay for a recomputation.
    @api.depends("ticket_id")
    def _compute_warehouse_id(self):
        for part in self:
            part.warehouse_id = part.ticket_id.team_id.warehouse_id

    @api.constrains("product_id")
    def _check_product_storable(self):
        self.product_id._sunshine_assert_spare_part()

    @api.constrains("quantity")
    def _check_quantity(self):
        for part in self:
            if part.quantity <= 0:
                raise ValidationError(
                    _(
                        "The quantity of %(part)s must be more than zero.",
                        part=part.product_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(part.state == "issued" for part in self):
            raise UserError(_("An issued part left the stock: it cannot be deleted."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_issue_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_issue_fields(vals)
        locked = {
            "product_id",
            "lot_id",
            "quantity",
            "warehouse_id",
            "ticket_id",
            "return_defective",
            "defective_lot_id",
        }
        if locked & set(vals) and any(part.state == "issued" for part in self):
            raise UserError(
                _(
                    "An issued part cannot be changed: its stock move is done. "
                    "Add a new line instead."
                )
            )
        return super().write(vals)

    @api.model
    def _check_issue_fields(self, vals):
        """What issuing records (state, moves, date) is written by issuing
        alone: the views show it read-only, and this keeps a client from
        marking a part issued without its stock moves, or back to requested
        to issue it twice."""
        if not self.env.su and ISSUE_FIELDS & set(vals):
            raise AccessError(
                _(
                    "Parts are marked issued only by issuing them from the "
                    "maintenance centre's stock (Issue Parts on the ticket)."
                )
            )

    def _check_issuable(self):
        """Refuse, before any stock moves, what cannot be issued."""
        Quant = self.env["stock.quant"]
        requested = {}
        for part in self:
            name = part.product_id.display_name
            if not part.warehouse_id:
                raise UserError(
                    _(
                        "Ticket %(ticket)s has no maintenance centre warehouse: "
                        "set the warehouse of its team before issuing %(part)s.",
                        ticket=part.ticket_id.display_name,
                        part=name,
                    )
                )
            if part.tracking != "none" and not part.lot_id:
                raise UserError(
                    _("Enter the serial or lot of %(part)s to issue.", part=name)
                )
            if part.tracking == "serial" and part.quantity != 1:
                raise UserError(
                    _(
                        "%(part)s is tracked by serial number: issue one per line.",
                        part=name,
                    )
                )
            if (
                part.return_defective
                and part.tracking != "none"
                and not part.defective_lot_id
            ):
                raise UserError(
                    _(
                        "Enter the serial or lot of the defective %(part)s returned.",
                        part=name,
                    )
                )
            key = (part.warehouse_id, part.product_id, part.lot_id)
            requested[key] = requested.get(key, 0.0) + part.quantity
        for (warehouse, product, lot), quantity in requested.items():
            available = Quant._get_available_quantity(
                product, warehouse.lot_stock_id, lot_id=lot or None
            )
            rounding = product.uom_id.rounding
            if float_compare(quantity, available, precision_rounding=rounding) > 0:
                raise UserError(
                    _(
                        "Only %(available)s %(uom)s of %(part)s are on hand in "
                        "%(warehouse)s, %(quantity)s requested. Nothing was "
                        "issued: lower the quantity or take the part from another "
                        "centre.",
                        available=available,
                        uom=product.uom_id.name,
                        part=" / ".join(filter(None, [product.display_name, lot.name])),
                        warehouse=warehouse.name,
                        quantity=quantity,
                    )
                )

    def _issue(self):
        """Move the parts out of their centres' stock to the customer.

        One delivery per centre, validated at once; the defective parts
        that come back go to the centre's defective-parts location.
        """
        parts = self.filtered(lambda p: p.state == "draft")
        parts._check_issuable()
        # sudo: the issue fields are written here only, right after the
        # stock moves they record (see _check_issue_fields).
        issued = parts.sudo()
        for warehouse in parts.warehouse_id:
            centre_parts = parts.filtered(lambda p, w=warehouse: p.warehouse_id == w)
            for ticket in centre_parts.ticket_id:
                ticket_parts = centre_parts.filtered(
                    lambda p, t=ticket: p.ticket_id == t
                )
                customer_location = ticket._sunshine_customer_location()
                issue_moves = ticket_parts._create_done_moves(
                    warehouse.out_type_id,
                    warehouse.lot_stock_id,
                    customer_location,
                    lot_field="lot_id",
                )
                for part, move in zip(ticket_parts, issue_moves, strict=True):
                    issued.browse(part.id).move_id = move
                returned = ticket_parts.filtered("return_defective")
                if returned:
                    return_moves = returned._create_done_moves(
                        warehouse.in_type_id,
                        customer_location,
                        warehouse._sunshine_defective_location(),
                        lot_field="defective_lot_id",
                    )
                    for part, move in zip(returned, return_moves, strict=True):
                        issued.browse(part.id).return_move_id = move
        issued.write({"state": "issued", "date_issued": fields.Datetime.now()})
        return parts

    def _create_done_moves(self, picking_type, source, destination, lot_field):
        """One validated transfer of the parts, a move per part, in order.

        A part put into the customer's equipment is no unit of the installed
        base: its serial keeps no customer of its own.
        """
        ticket = self.ticket_id
        Picking = self.env["stock.picking"].with_context(sunshine_part_issue=True)
        return Picking._sunshine_transfer(
            picking_type,
            source,
            destination,
            [(part.product_id, part[lot_field], part.quantity) for part in self],
            partner_id=ticket.partner_id.id,
            origin=ticket.number or ticket.name,
        )
