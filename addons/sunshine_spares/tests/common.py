from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SunshineSparesCase(TransactionCase):
    """A customer, serial-tracked equipment and a 12-month warranty term.

    The term starts at final acceptance and charges after it by a fee
    schedule: on-site support 2000, hardware repair 1500.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo database speaks Chinese; these tests read English messages.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        ServiceType = cls.env["sunshine.service.type"]
        cls.service_onsite = ServiceType.create(
            {"name": "Test On-site", "code": "T_ONSITE", "service_mode": "onsite"}
        )
        cls.service_repair = ServiceType.create(
            {"name": "Test Repair", "code": "T_REPAIR"}
        )
        cls.service_patch = ServiceType.create(
            {"name": "Test Patch", "code": "T_PATCH"}
        )
        cls.term = cls.env["sunshine.warranty.term"].create(
            {
                "name": "Test 1 year from acceptance",
                "duration_months": 12,
                "start_event": "acceptance",
                "repaired_part_months": 3,
                "fee_ids": [
                    Command.create(
                        {"service_type_id": cls.service_onsite.id, "price": 2000.0}
                    ),
                    Command.create(
                        {"service_type_id": cls.service_repair.id, "price": 1500.0}
                    ),
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Test Power Co.", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Test Power Contact", "parent_id": cls.customer.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Test Mobile Co.", "is_company": True}
        )
        cls.representative = new_test_user(
            cls.env,
            login="spares_representative",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Test Transmission Terminal",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )

    @classmethod
    def assign_uncertified(cls, ticket, user):
        """Assign ``user`` without the training addon's certification check
        (a ticket about a unit is dispatched by its product line): for the
        tests of what an assignee does, not of the dispatch."""
        values = {"user_id": user.id}
        if "dispatch_override" in ticket._fields:
            values["dispatch_override"] = True
        ticket._sunshine_as_action().write(values)
        return ticket

    @classmethod
    def create_lot(cls, name="TEST-SN-0001", **values):
        return cls.env["stock.lot"].create(cls.lot_values(name, **values))

    @classmethod
    def lot_values(cls, name, **values):
        """A delivered, accepted serial of the test product under the term."""
        vals = {
            "name": name,
            "product_id": cls.product.id,
            "customer_id": cls.customer.id,
            "warranty_term_id": cls.term.id,
            "regional_representative_id": cls.representative.id,
            "delivery_date": date(2025, 1, 10),
            "commissioning_date": date(2025, 2, 1),
            "initial_acceptance_date": date(2025, 2, 15),
            "final_acceptance_date": date(2025, 3, 1),
        }
        vals.update(values)
        return vals

    @classmethod
    def create_centre(cls, name, code, **team_values):
        """A maintenance centre: a warehouse and the service team it stocks."""
        warehouse = cls.env["stock.warehouse"].create({"name": name, "code": code})
        team = cls.env["helpdesk.ticket.team"].create(
            dict(
                {"name": name, "support_level": "1", "warehouse_id": warehouse.id},
                **team_values,
            )
        )
        return warehouse, team

    @classmethod
    def create_part(cls, name, tracking="none", **values):
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "tracking": tracking,
                },
                **values,
            )
        )

    def repair_of(self, lot, **values):
        """A draft repair of ``lot`` for the customer, the unit come in to the
        repair's stock."""
        repair = self.env["repair.order"].create(
            dict(
                {
                    "product_id": lot.product_id.id,
                    "lot_id": lot.id,
                    "partner_id": self.customer.id,
                },
                **values,
            )
        )
        location = repair.product_location_src_id
        if not self.on_hand(lot.product_id, location, lot):
            self.env["stock.quant"]._update_available_quantity(
                lot.product_id, location, 1, lot_id=lot
            )
        return repair

    def on_hand(self, product, location, lot=None):
        """The quantity of ``product`` (of ``lot``) in ``location``, by its quants."""
        domain = [("product_id", "=", product.id), ("location_id", "=", location.id)]
        if lot:
            domain.append(("lot_id", "=", lot.id))
        return sum(self.env["stock.quant"].search(domain).mapped("quantity"))
